// 2.3 Refcounts across function calls — notebook cell 3.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

// 함수 내부에서 참조 카운트 확인: a Ref passed by value is one more reference, as a Python
// argument is.
void check_refcount(Ref<Dict> obj, std::string_view label = "inside function") {
  print("{}: {}", label, sys::getrefcount(obj));
}

// 함수 내부에서 추가 참조
Ref<Dict> store_reference(Ref<Dict> obj) {
  Ref<Dict> stored = obj;  // 지역 변수로 참조
  print("With local variable: {}", sys::getrefcount(obj));
  return stored;
}

}  // namespace

GCLAB_CELL(3, "2.3 Refcounts across function calls") {
  Ref<Dict> data = dict({{"key", "value"}});
  print("Before function call: {}", sys::getrefcount(data));

  // 함수 호출 - 인자로 전달되면서 참조 카운트 증가
  check_refcount(data);

  print("After function call: {}", sys::getrefcount(data));

  Ref<Dict> result = store_reference(data);
  print("After store_reference: {}", sys::getrefcount(data));
  del(result);
  print("After del result: {}", sys::getrefcount(data));
}
