// 4.3 gc.garbage and DEBUG_SAVEALL — notebook cell 9.
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
  gc::set_debug(gc::DEBUG_SAVEALL);

  print("Creating self-referencing object...");
  Ref<Uncollectable> u = make<Uncollectable>();
  del(u);

  print("\nRunning GC...");
  gc::collect();

  print("\nObjects in gc.garbage: {}", gc::garbage().size());
  for (const Ref<Object>& obj : gc::garbage()) print("  - {}", obj);

  // 정리
  gc::garbage().clear();
  gc::set_debug(0);
}
