// 2.2 Refcounts of different types — notebook cell 2.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

GCLAB_CELL(2, "2.2 Refcounts of different types") {
  // 불변 객체: 작은 정수는 캐시되어 재사용됨
  Ref<Int> x = 100;
  Ref<Int> y = 100;
  print("Small int (100) - x: {}, y: {}", sys::getrefcount(x), sys::getrefcount(y));
  print("x is y: {}", repr(x.is(y)));

  // 큰 정수는 별도 객체로 생성
  Ref<Int> big_x = 1000000;
  Ref<Int> big_y = 1000000;
  print("\nBig int (1000000) - big_x: {}, big_y: {}", sys::getrefcount(big_x),
        sys::getrefcount(big_y));
  print("big_x is big_y: {}", repr(big_x.is(big_y)));

  // 문자열 interning
  Ref<Str> s1 = "hello";
  Ref<Str> s2 = "hello";
  print("\nString 'hello' - s1: {}, s2: {}", sys::getrefcount(s1), sys::getrefcount(s2));
  print("s1 is s2: {}", repr(s1.is(s2)));

  // 가변 객체: 리스트는 항상 새로운 객체
  Ref<List> list1 = list({1, 2, 3});
  Ref<List> list2 = list({1, 2, 3});
  print("\nList [1,2,3] - list1: {}, list2: {}", sys::getrefcount(list1), sys::getrefcount(list2));
  print("list1 is list2: {}", repr(list1.is(list2)));
}
