// 6.1 weakref.ref and weakref.proxy — notebook cell 16.
// Exercise: fill in the TODOs (see README.md).
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
  // TODO(ko): ref를 obj에 대한 약한 참조로 만들고, -1 대신 ref()를 통해 value를 출력하세요
  // TODO(en): make ref a weak reference to obj, and print value through ref() instead of -1
  weakref::ref<DataObject> ref;
  print("weakref.ref: {}", ref.repr());
  print("Accessing: {}", ref());
  print("Value: {}", -1);

  // weakref.proxy 사용
  // TODO(ko): proxy를 obj의 프록시로 만들고, -1 대신 proxy를 통해 value와 process()를 출력하세요
  // TODO(en): make proxy a proxy of obj, and print value and process() through it instead of -1
  weakref::proxy<DataObject> proxy;
  print("\nweakref.proxy: {}", proxy.str());
  print("Direct access: {}", -1);
  print("Method call: {}", -1);

  // 원본 삭제 후
  print("\n=== After deleting original ===");
  del(obj);

  // ref는 None 반환
  // TODO(ko): "?" 대신 ref()가 None(빈 Ref)인지를 repr(...)로 출력하세요
  // TODO(en): instead of "?", print repr(...) of whether ref() is None (an empty Ref)
  print("ref() is None: {}", "?");

  // proxy는 ReferenceError 발생
  try {
    // TODO(ko): proxy로 value를 출력해 보세요 / TODO(en): try to print value through proxy
  } catch (const ReferenceError& e) {
    print("ReferenceError: {}", e.what());
  }
}
