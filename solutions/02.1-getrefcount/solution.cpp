// 2.1 sys.getrefcount() — notebook cell 1.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

GCLAB_CELL(1, "2.1 sys.getrefcount()") {
  // 리스트 객체 생성
  Ref<List> a = list({1, 2, 3});

  // 초기 참조 카운트 확인 (getrefcount의 인자도 참조 하나)
  print("Initial refcount: {}", sys::getrefcount(a));

  // b가 a를 참조
  Ref<List> b = a;
  print("After b = a: {}", sys::getrefcount(a));

  // c도 a를 참조
  Ref<List> c = a;
  print("After c = a: {}", sys::getrefcount(a));

  // 참조 제거
  del(b);
  print("After del b: {}", sys::getrefcount(a));

  del(c);
  print("After del c: {}", sys::getrefcount(a));
}
