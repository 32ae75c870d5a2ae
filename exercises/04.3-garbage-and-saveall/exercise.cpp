// 4.3 gc.garbage and DEBUG_SAVEALL — notebook cell 9.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

namespace {

struct Uncollectable : Object {
  Ref<Uncollectable> ref;

  Uncollectable() : ref(self(this)) {}  // 자기 자신을 참조 (순환 참조)
  GCLAB_TRAVERSE(ref)
  void finalize() { print("  __del__ called"); }
  std::string repr() const override { return "Uncollectable()"; }
};

}  // namespace

GCLAB_CELL(9, "4.3 gc.garbage and DEBUG_SAVEALL") {
  // 수집된 객체 저장 모드 활성화
  // TODO(ko): gc::set_debug()로 DEBUG_SAVEALL을 켜세요
  // TODO(en): turn on DEBUG_SAVEALL with gc::set_debug()

  print("Creating self-referencing object...");
  Ref<Uncollectable> u = make<Uncollectable>();
  del(u);

  print("\nRunning GC...");
  // TODO(ko): GC를 실행하세요 / TODO(en): run the collector

  print("\nObjects in gc.garbage: {}", -1);  // TODO(ko): gc::garbage()의 길이 / TODO(en): its size
  // TODO(ko): gc::garbage()의 객체마다 print("  - {}", obj);를 실행하세요
  // TODO(en): for each object in gc::garbage(), print("  - {}", obj);

  // 정리
  // TODO(ko): gc::garbage()를 비우고 디버그 플래그를 0으로 되돌리세요
  // TODO(en): clear gc::garbage() and set the debug flags back to 0
}
