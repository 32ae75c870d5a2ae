// 8. Problem 3: memory profiling with tracemalloc — notebook cell 21.
#include <gclab/cell.hpp>
#include <gclab/tracemalloc.hpp>

#include <optional>
#include <ranges>

#include "../../exercises/P3-profile-process-data/process_data.hpp"  // given to the student as it is

GCLAB_CELL(21, "8. Problem 3: memory profiling with tracemalloc") {
  // tracemalloc을 사용하여 메모리 프로파일링
  // 1. tracemalloc.start() 호출
  tracemalloc::start();

  // 2. 함수 실행 전 스냅샷
  std::optional<tracemalloc::Snapshot> before = tracemalloc::take_snapshot();

  // 3. process_data(1000) 실행
  // 4. 함수 실행 후 스냅샷: at the end of its work, while data and lookup are still alive
  //    (after the return only the result is left: see README.md)
  std::optional<tracemalloc::Snapshot> after;
  Ref<List> result = process_data(1000, [&] { after = tracemalloc::take_snapshot(); });

  auto [current, peak] = tracemalloc::get_traced_memory();
  print("process_data(1000) returned {} sums", result->size());
  print("  Current: {:.2f} KB", current / 1024.0);
  print("  Peak: {:.2f} KB", peak / 1024.0);

  // 5. 스냅샷 비교하여 메모리 사용량 분석
  auto top_stats = after->compare_to(*before, "lineno");
  print("\n=== Top 10 Memory Differences ===");
  for (const auto& stat : top_stats | std::views::take(10)) print("{}", stat);

  tracemalloc::stop();
}
