// 2.1 sys.getrefcount() — notebook cell 1.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

GCLAB_CELL(1, "2.1 sys.getrefcount()") {
  // 리스트 객체 생성
  Ref<List> a = list({1, 2, 3});

  // 초기 참조 카운트 확인 (getrefcount의 인자도 참조 하나)
  // TODO(ko): 아래 print들의 -1을 sys::getrefcount(a)로 바꾸세요
  // TODO(en): replace each -1 below with sys::getrefcount(a)
  print("Initial refcount: {}", -1);

  // b가 a를 참조
  Ref<List> b = a;
  print("After b = a: {}", -1);

  // c도 a를 참조
  Ref<List> c = a;
  print("After c = a: {}", -1);

  // 참조 제거
  // TODO(ko): del로 b를 제거하세요 / TODO(en): drop b with del
  print("After del b: {}", -1);

  // TODO(ko): del로 c를 제거하세요 / TODO(en): drop c with del
  print("After del c: {}", -1);
}
