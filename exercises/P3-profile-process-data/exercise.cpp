// 8. Problem 3: memory profiling with tracemalloc — notebook cell 21.
// Exercise: fill in steps 1 to 5 (see README.md). process_data() is given in process_data.hpp.
#include <gclab/cell.hpp>
#include <gclab/tracemalloc.hpp>

#include <optional>
#include <ranges>
#include <vector>

#include "process_data.hpp"

GCLAB_CELL(21, "8. Problem 3: memory profiling with tracemalloc") {
  // TODO(ko): tracemalloc을 사용하여 메모리 프로파일링
  // TODO(en): profile the memory use with tracemalloc

  // 1. tracemalloc.start() 호출
  // TODO(ko): tracemalloc::start()로 추적을 시작하세요
  // TODO(en): start tracing with tracemalloc::start()

  // 2. 함수 실행 전 스냅샷
  // TODO(ko): before에 tracemalloc::take_snapshot()을 넣으세요
  // TODO(en): store tracemalloc::take_snapshot() in before
  std::optional<tracemalloc::Snapshot> before;

  // 3. process_data(1000) 실행
  // 4. 함수 실행 후 스냅샷
  std::optional<tracemalloc::Snapshot> after;
  Ref<List> result = process_data(1000, [&] {
    // TODO(ko): 4. 여기서 after에 스냅샷을 넣으세요. process_data가 일을 다 마치고 돌아가기 직전,
    //           data와 lookup이 아직 살아 있을 때 이 람다가 불립니다 (README 참고)
    // TODO(en): 4. store a snapshot in after here. process_data calls this lambda when its work is
    //           done, just before it returns, while data and lookup are still alive (see README)
  });

  auto [current, peak] = tracemalloc::get_traced_memory();
  print("process_data(1000) returned {} sums", result->size());
  print("  Current: {:.2f} KB", current / 1024.0);
  print("  Peak: {:.2f} KB", peak / 1024.0);

  // 5. 스냅샷 비교하여 메모리 사용량 분석
  // TODO(ko): 빈 목록 대신 after->compare_to(*before, "lineno")의 결과를 쓰세요
  // TODO(en): instead of an empty list, use after->compare_to(*before, "lineno")
  std::vector<tracemalloc::StatisticDiff> top_stats;
  print("\n=== Top 10 Memory Differences ===");
  // TODO(ko): top_stats의 처음 10개를 한 줄에 하나씩 print("{}", stat);으로 출력한 뒤
  //           tracemalloc::stop()으로 추적을 멈추세요 (보고서 뒤에는 아무것도 출력하지 마세요)
  // TODO(en): print the first 10 of top_stats, one per line (print("{}", stat);), then stop
  //           tracing with tracemalloc::stop() (print nothing after the report)
}
