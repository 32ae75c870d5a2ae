// 5 tracemalloc: memory profiling — notebook cells 10 to 13.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>
#include <gclab/tracemalloc.hpp>

#include <optional>
#include <ranges>
#include <vector>

using namespace gclab;

namespace {

// Cell 11's names, which cells 12 and 13 use: a notebook keeps them until the kernel exits.
// Run alone (--cell 12), a cell finds the snapshots empty, as Python finds them undefined.
std::optional<tracemalloc::Snapshot> snapshot1, snapshot2;
Ref<List> large_list;
Ref<Dict> large_dict;

}  // namespace

GCLAB_CELL(10, "5. tracemalloc: start tracing") {
  // 메모리 추적 시작
  // TODO(ko): tracemalloc::start()로 메모리 추적을 시작하세요
  // TODO(en): start tracing memory with tracemalloc::start()

  // 현재 메모리 사용량 확인
  // TODO(ko): 오른쪽을 tracemalloc::get_traced_memory()로 바꾸세요
  // TODO(en): replace the right-hand side with tracemalloc::get_traced_memory()
  auto [current, peak] = tracemalloc::TracedMemory{};
  print("Initial memory usage:");
  print("  Current: {:.2f} KB", current / 1024.0);
  print("  Peak: {:.2f} KB", peak / 1024.0);
}

GCLAB_CELL(11, "5. tracemalloc: snapshots") {
  // 첫 번째 스냅샷
  // TODO(ko): snapshot1 = tracemalloc::take_snapshot();
  // TODO(en): snapshot1 = tracemalloc::take_snapshot();

  // 메모리를 사용하는 작업 수행 (주어진 코드: 고치지 마세요 / given: keep these lines as they are)
  print("Creating large data structures...");
  large_list = list(); for (int i = 0; i < 100000; ++i) large_list->append(i);  // [i for i in range(100000)]
  large_dict = dict(); for (int i = 0; i < 10000; ++i) large_dict->set(fmt::format("key_{}", i), i);  // {f"key_{i}": i ...}

  // 두 번째 스냅샷
  // TODO(ko): snapshot2에 두 번째 스냅샷을 넣으세요
  // TODO(en): store the second snapshot in snapshot2

  // 메모리 사용량 변화
  // TODO(ko): 오른쪽을 tracemalloc::get_traced_memory()로 바꾸세요
  // TODO(en): replace the right-hand side with tracemalloc::get_traced_memory()
  auto [current, peak] = tracemalloc::TracedMemory{};
  print("\nAfter creating objects:");
  print("  Current: {:.2f} KB", current / 1024.0);
  print("  Peak: {:.2f} KB", peak / 1024.0);
}

GCLAB_CELL(12, "5. tracemalloc: comparing snapshots") {
  // 스냅샷 비교
  // TODO(ko): 빈 목록 대신 snapshot2.value().compare_to(snapshot1.value(), "lineno")의 결과를 쓰세요
  // TODO(en): instead of an empty list, use snapshot2.value().compare_to(snapshot1.value(), "lineno")
  std::vector<tracemalloc::StatisticDiff> top_stats;

  print("=== Top 10 Memory Differences ===");
  // TODO(ko): top_stats의 처음 10개(top_stats[:10])를 한 줄에 하나씩 print("{}", stat);으로 출력하세요
  //           (Python의 top_stats[:10]은 top_stats | std::views::take(10)입니다)
  // TODO(en): print the first 10 of top_stats (top_stats[:10]), one per line: print("{}", stat);
  //           (Python's top_stats[:10] is top_stats | std::views::take(10))
}

GCLAB_CELL(13, "5. tracemalloc: top memory consumers") {
  // 가장 많은 메모리를 사용하는 코드 라인 확인
  // TODO(ko): 오른쪽을 tracemalloc::get_traced_memory()로 바꾸세요
  // TODO(en): replace the right-hand side with tracemalloc::get_traced_memory()
  auto [current, peak] = tracemalloc::TracedMemory{};
  print("Current memory: {:.2f} KB", current / 1024.0);

  // 현재 메모리 상위 10개
  // TODO(ko): 새 스냅샷을 찍고, 빈 목록 대신 그 스냅샷의 statistics("lineno")를 쓰세요
  // TODO(en): take a new snapshot, and use its statistics("lineno") instead of an empty list
  std::vector<tracemalloc::Statistic> top_stats;

  print("\n=== Top 10 Memory Consumers ===");
  // TODO(ko): top_stats의 처음 10개를 한 줄에 하나씩 출력하세요
  // TODO(en): print the first 10 of top_stats, one per line

  // 메모리 추적 중지
  // TODO(ko): tracemalloc::stop()으로 추적을 멈추세요
  // TODO(en): stop tracing with tracemalloc::stop()
  print("\nTracemalloc stopped.");
}
