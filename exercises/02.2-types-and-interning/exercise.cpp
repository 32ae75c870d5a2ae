// 2.2 Refcounts of different types — notebook cell 2.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

GCLAB_CELL(2, "2.2 Refcounts of different types") {
  // TODO(ko): 각 print의 -1을 sys::getrefcount(변수)로, "?"를 repr(p.is(q))로 바꾸세요
  // TODO(en): replace each -1 with sys::getrefcount(variable) and each "?" with repr(p.is(q))

  // 불변 객체: 작은 정수는 캐시되어 재사용됨
  Ref<Int> x = 100;
  Ref<Int> y = 100;
  print("Small int (100) - x: {}, y: {}", -1, -1);
  print("x is y: {}", "?");

  // 큰 정수는 별도 객체로 생성
  Ref<Int> big_x = 1000000;
  Ref<Int> big_y = 1000000;
  print("\nBig int (1000000) - big_x: {}, big_y: {}", -1, -1);
  print("big_x is big_y: {}", "?");

  // 문자열 interning
  Ref<Str> s1 = "hello";
  Ref<Str> s2 = "hello";
  print("\nString 'hello' - s1: {}, s2: {}", -1, -1);
  print("s1 is s2: {}", "?");

  // 가변 객체: 리스트는 항상 새로운 객체
  Ref<List> list1 = list({1, 2, 3});
  Ref<List> list2 = list({1, 2, 3});
  print("\nList [1,2,3] - list1: {}, list2: {}", -1, -1);
  print("list1 is list2: {}", "?");
}
