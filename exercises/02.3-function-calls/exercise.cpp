// 2.3 Refcounts across function calls — notebook cell 3.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

// TODO(ko): 이 파일의 -1을 모두 sys::getrefcount(...)로 바꾸세요 (함수 안에서는 obj, 셀에서는
//           data). 그러면 check_refcount의 [[maybe_unused]]는 지워도 됩니다.
// TODO(en): replace every -1 in this file with sys::getrefcount(...) (obj inside the functions,
//           data in the cell). check_refcount's [[maybe_unused]] can go then.

namespace {

// 함수 내부에서 참조 카운트 확인: a Ref passed by value is one more reference, as a Python
// argument is.
void check_refcount([[maybe_unused]] Ref<Dict> obj, std::string_view label = "inside function") {
  print("{}: {}", label, -1);
}

// 함수 내부에서 추가 참조
Ref<Dict> store_reference(Ref<Dict> obj) {
  Ref<Dict> stored = obj;  // 지역 변수로 참조
  print("With local variable: {}", -1);
  return stored;
}

}  // namespace

GCLAB_CELL(3, "2.3 Refcounts across function calls") {
  Ref<Dict> data = dict({{"key", "value"}});
  print("Before function call: {}", -1);

  // 함수 호출 - 인자로 전달되면서 참조 카운트 증가
  check_refcount(data);

  print("After function call: {}", -1);

  Ref<Dict> result = store_reference(data);
  print("After store_reference: {}", -1);
  // TODO(ko): del로 result를 제거하세요 / TODO(en): drop result with del
  print("After del result: {}", -1);
}
