// 8. Problem 1: tracking refcounts — notebook cell 19.
// Exercise: predict first (answers.yaml), then fill in the TODOs to check (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

Ref<Dict> track_refcount() {
  Ref<Dict> data = dict({{"key", "value"}});

  // 여기에 각 단계별 참조 카운트 출력 코드 작성
  // TODO: 1. 초기 참조 카운트

  Ref<Dict> ref1 = data;
  // TODO: 2. ref1 할당 후

  Ref<Dict> ref2 = ref1;
  // TODO: 3. ref2 할당 후

  del(ref1);
  // TODO: 4. ref1 삭제 후

  return data;
}

}  // namespace

GCLAB_CELL(19, "8. Problem 1: tracking refcounts") {
  Ref<Dict> result = track_refcount();
  // TODO: 5. 함수 반환 후
}
