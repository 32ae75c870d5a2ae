// 4 The gc module — notebook cell 5.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

GCLAB_CELL(5, "4. The gc module") {
  // GC 상태 확인
  // TODO(ko): "?"를 차례로 repr(gc::isenabled()), gc::get_threshold(), gc::get_count()로 바꾸세요
  // TODO(en): replace the "?"s with repr(gc::isenabled()), gc::get_threshold(), gc::get_count()
  print("=== GC Status ===");
  print("GC enabled: {}", "?");
  print("GC thresholds: {}", "?");
  print("Current counts: {}", "?");
}
