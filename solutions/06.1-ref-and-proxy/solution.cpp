// 6.1 weakref.ref and weakref.proxy — notebook cell 16.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

struct DataObject : Object {
  int value;
  explicit DataObject(int value_) : value(value_) {}
  int process() const { return value * 2; }
};

}  // namespace

GCLAB_CELL(16, "6.1 weakref.ref and weakref.proxy") {
  // 원본 객체
  Ref<DataObject> obj = make<DataObject>(42);

  // weakref.ref 사용
  weakref::ref<DataObject> ref(obj);
  print("weakref.ref: {}", ref.repr());
  print("Accessing: {}", ref());
  print("Value: {}", ref()->value);

  // weakref.proxy 사용
  weakref::proxy<DataObject> proxy(obj);
  print("\nweakref.proxy: {}", proxy.str());
  print("Direct access: {}", proxy->value);
  print("Method call: {}", proxy->process());

  // 원본 삭제 후
  print("\n=== After deleting original ===");
  del(obj);

  // ref는 None 반환
  print("ref() is None: {}", repr(ref() == nullptr));

  // proxy는 ReferenceError 발생
  try {
    print("{}", proxy->value);
  } catch (const ReferenceError& e) {
    print("ReferenceError: {}", e.what());
  }
}
