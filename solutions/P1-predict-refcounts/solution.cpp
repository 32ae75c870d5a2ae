// 8. Problem 1: tracking refcounts — notebook cell 19.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

Ref<Dict> track_refcount() {
  Ref<Dict> data = dict({{"key", "value"}});

  // 여기에 각 단계별 참조 카운트 출력 코드 작성
  // 1. 초기 참조 카운트
  print("1. Initial: {}", sys::getrefcount(data));

  Ref<Dict> ref1 = data;
  // 2. ref1 할당 후
  print("2. After ref1 = data: {}", sys::getrefcount(data));

  Ref<Dict> ref2 = ref1;
  // 3. ref2 할당 후
  print("3. After ref2 = ref1: {}", sys::getrefcount(data));

  del(ref1);
  // 4. ref1 삭제 후
  print("4. After del ref1: {}", sys::getrefcount(data));

  return data;
}

}  // namespace

GCLAB_CELL(19, "8. Problem 1: tracking refcounts") {
  Ref<Dict> result = track_refcount();
  // 5. 함수 반환 후
  print("5. After return: {}", sys::getrefcount(result));
}
