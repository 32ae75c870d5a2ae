// 6 weakref: weak references prevent reference cycles — notebook cell 15.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

/// 약한 참조를 사용하는 노드
struct Node : Object {
  std::string name;
  weakref::ref<Node> ref_;

  explicit Node(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(ref_)

  /// 약한 참조를 통해 객체 반환 (the @property getter)
  Ref<Node> ref() const {
    // TODO(ko): ref_가 가리키는 객체를 돌려주세요 (약한 참조는 callable로 객체 얻음)
    // TODO(en): return the object ref_ refers to (a weak reference is called to get the object)
    return {};
  }
  /// 약한 참조 설정 (the @ref.setter)
  void set_ref([[maybe_unused]] const Ref<Node>& value) {
    // TODO(ko): value가 None(빈 Ref)이면 ref_를 비우고, 아니면 ref_에 value에 대한
    //           weakref::ref<Node>를 넣으세요
    // TODO(en): if value is None (an empty Ref), empty ref_; otherwise store in ref_ a
    //           weakref::ref<Node> to value
  }

  std::string repr() const override { return "Node(" + name + ")"; }
  void finalize() { print("  [__del__] {} destroyed", name); }
};

}  // namespace

GCLAB_CELL(15, "6. weakref: avoiding cycles with weak references") {
  print("=== Using weakref to prevent circular reference ===");

  Ref<Node> node_a = make<Node>("A");
  Ref<Node> node_b = make<Node>("B");

  print("Before linking:");
  print("  node_a refcount: {}", sys::getrefcount(node_a) - 1);
  print("  node_b refcount: {}", sys::getrefcount(node_b) - 1);

  // 약한 참조로 연결
  node_a->set_ref(node_b);
  node_b->set_ref(node_a);

  print("\nAfter weak linking:");
  print("  node_a refcount: {}", sys::getrefcount(node_a) - 1);
  print("  node_b refcount: {}", sys::getrefcount(node_b) - 1);

  print("\nAccessing via weakref: {}", node_a->ref());

  print("\n=== Deleting nodes ===");
  del(node_a);
  del(node_b);
  print("Nodes deleted successfully (no circular reference!)");
}
