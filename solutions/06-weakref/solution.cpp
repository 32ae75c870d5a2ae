// 6 weakref: weak references prevent reference cycles — notebook cell 15.
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
  Ref<Node> ref() const { return ref_(); }  // 약한 참조는 callable로 객체 얻음
  /// 약한 참조 설정 (the @ref.setter)
  void set_ref(const Ref<Node>& value) { ref_ = value ? weakref::ref<Node>(value) : weakref::ref<Node>(); }

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
