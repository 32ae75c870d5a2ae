// 4.1 Debug flags — notebook cell 6.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

struct TrackedNode : Object {
  std::string name;
  Ref<TrackedNode> ref;

  explicit TrackedNode(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(ref)
  std::string repr() const override { return "TrackedNode(" + name + ")"; }
};

}  // namespace

GCLAB_CELL(6, "4.1 Debug flags") {
  // DEBUG_STATS: 수집 통계 출력, DEBUG_COLLECTABLE: 수집 가능한 객체 출력
  gc::set_debug(gc::DEBUG_STATS | gc::DEBUG_COLLECTABLE);

  print("=== Creating circular reference ===");
  Ref<TrackedNode> a = make<TrackedNode>("A");
  Ref<TrackedNode> b = make<TrackedNode>("B");
  a->ref = b;
  b->ref = a;

  // 외부 참조 제거
  print("\n=== Removing external references ===");
  del(a);
  del(b);

  // 수동으로 GC 실행
  print("\n=== Running garbage collection ===");
  std::ptrdiff_t collected = gc::collect();
  print("\nCollected objects: {}", collected);

  // 디버그 모드 해제
  gc::set_debug(0);
}
