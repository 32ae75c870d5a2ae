// 3 Circular references — notebook cell 4.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

/// 순환 참조를 만들기 위한 간단한 노드 클래스
struct Node : Object {
  std::string name;
  Ref<Node> ref;

  explicit Node(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(ref)
  std::string repr() const override { return "Node(" + name + ")"; }
  /// 소멸자 - 객체가 삭제될 때 호출 (__del__)
  void finalize() { print("  [__del__] {} is being destroyed", name); }
};

}  // namespace

GCLAB_CELL(4, "3. Circular references") {
  print("=== Creating circular reference ===");
  Ref<Node> node_a = make<Node>("A");
  Ref<Node> node_b = make<Node>("B");

  print("Initial: node_a refcount = {}", sys::getrefcount(node_a) - 1);
  print("Initial: node_b refcount = {}", sys::getrefcount(node_b) - 1);

  // 순환 참조 설정
  // TODO(ko): node_a의 ref가 node_b를, node_b의 ref가 node_a를 가리키게 하세요
  // TODO(en): make node_a's ref point to node_b, and node_b's ref to node_a

  print("\nAfter circular ref: node_a refcount = {}", sys::getrefcount(node_a) - 1);
  print("After circular ref: node_b refcount = {}", sys::getrefcount(node_b) - 1);

  print("\n=== Deleting external references ===");
  del(node_a);
  del(node_b);

  print("External references deleted, but circular reference remains...");
  print("(GC가 실행되기 전까지 메모리에 남아있음)");
}
