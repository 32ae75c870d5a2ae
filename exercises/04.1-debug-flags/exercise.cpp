// 4.1 Debug flags — notebook cell 6.
// Exercise: fill in the TODOs (see README.md).
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
  // 디버그 플래그 설정
  // DEBUG_STATS: 수집 통계 출력
  // DEBUG_COLLECTABLE: 수집 가능한 객체 출력
  // DEBUG_UNCOLLECTABLE: 수집 불가능한 객체 출력
  // DEBUG_SAVEALL: 삭제된 객체를 gc.garbage에 저장
  // TODO(ko): gc::set_debug()로 DEBUG_STATS와 DEBUG_COLLECTABLE을 함께 켜세요
  // TODO(en): turn on DEBUG_STATS and DEBUG_COLLECTABLE together with gc::set_debug()

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
  std::ptrdiff_t collected = -1;  // TODO(ko): gc::collect()를 호출하세요 / TODO(en): call gc::collect()
  print("\nCollected objects: {}", collected);

  // 디버그 모드 해제
  // TODO(ko): 디버그 플래그를 0으로 되돌리세요 / TODO(en): set the debug flags back to 0
}
