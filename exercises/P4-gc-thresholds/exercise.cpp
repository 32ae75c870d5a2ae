// 8. Problem 4: tuning the GC thresholds — notebook cell 22.
// Exercise: fill in measure() (see README.md), then write conclusion.yaml.
#include <gclab/cell.hpp>
#include <gclab/report.hpp>
#include <gclab/tracemalloc.hpp>

#include <array>
#include <chrono>

#include "workload.hpp"

namespace {

/// What one threshold setting did to run_workload().
struct Measurement {
  gc::Triple threshold;
  double seconds = 0;                           // 실행 시간 / wall-clock time of run_workload()
  std::array<std::ptrdiff_t, 3> collections{};  // 세대별 수집 횟수 / collections of gen 0, 1, 2
  std::size_t peak_bytes = 0;                   // 최대 메모리 / tracemalloc's peak during the run
};

Measurement measure(const gc::Triple& threshold) {
  Measurement m{threshold};
  // TODO(ko): 이 설정에서 run_workload()를 실행하며 m을 채우세요:
  //   1. gc::collect()로 먼저 쓰레기를 치웁니다 (세 설정이 같은 상태에서 시작하도록)
  //   2. gc::set_threshold(...)로 임계값을 바꿉니다 (원래 값은 gc::get_threshold()로 기억해 두기)
  //   3. gc::callbacks()에 콜백을 추가해, phase가 "start"일 때마다 m.collections[info.generation]을
  //      1 늘립니다
  //   4. tracemalloc::start()로 메모리 추적을 시작합니다
  //   5. run_workload()의 실행 시간을 std::chrono::steady_clock으로 재어 m.seconds에 넣습니다
  // TODO(en): fill in m while run_workload() runs under this setting:
  //   1. gc::collect() first, so that the three settings start from the same state
  //   2. change the thresholds with gc::set_threshold(...) (remember the old ones, gc::get_threshold())
  //   3. add a callback to gc::callbacks() that adds 1 to m.collections[info.generation] each time
  //      phase is "start"
  //   4. start tracing memory with tracemalloc::start()
  //   5. time run_workload() with std::chrono::steady_clock into m.seconds

  run_workload();

  // TODO(ko): 6. tracemalloc::get_traced_memory()의 peak를 m.peak_bytes에 넣고 tracemalloc::stop()
  //           7. 콜백을 빼고 (gc::callbacks().pop_back()) 원래 임계값으로 되돌리세요
  // TODO(en): 6. put tracemalloc::get_traced_memory()'s peak into m.peak_bytes; tracemalloc::stop()
  //           7. remove the callback (gc::callbacks().pop_back()) and put the old thresholds back
  return m;
}

}  // namespace

GCLAB_CELL(22, "8. Problem 4: tuning the GC thresholds") {
  print("Experiment with different GC thresholds");
  print("{} rounds x {} nodes in a ring, dropped each round", kRounds, kCount);
  print("");
  print("{:<16} {:>10} {:>20} {:>14}", "threshold", "time (s)", "collections 0/1/2", "peak bytes");

  // 1. 기본 임계값 (700, 10, 10)  2. (100, 5, 5)로 낮추기  3. (2000, 20, 20)으로 높이기
  for (const gc::Triple& threshold : {gc::Triple{700, 10, 10}, gc::Triple{100, 5, 5}, gc::Triple{2000, 20, 20}}) {
    const Measurement m = measure(threshold);
    print("{:<16} {:>10.4f} {:>20} {:>14}", threshold, m.seconds,
          fmt::format("{}/{}/{}", m.collections[0], m.collections[1], m.collections[2]), m.peak_bytes);
    // For the grader (`gclab check`): what was measured, on the report channel.
    workbook::report("threshold_run", {{"threshold", {threshold.gen0, threshold.gen1, threshold.gen2}},
                                       {"seconds", m.seconds},
                                       {"collections", m.collections},
                                       {"peak", m.peak_bytes},
                                       {"peak_unit", "bytes"}});
  }
  // 4. 각 설정에서 메모리 사용량도 함께 비교 → conclusion.yaml
}
