// 4 The gc module — notebook cell 5.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>

using namespace gclab;

GCLAB_CELL(5, "4. The gc module") {
  // GC 상태 확인
  print("=== GC Status ===");
  print("GC enabled: {}", repr(gc::isenabled()));
  print("GC thresholds: {}", gc::get_threshold());
  print("Current counts: {}", gc::get_count());
}
