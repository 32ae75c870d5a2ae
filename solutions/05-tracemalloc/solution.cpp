// 5 tracemalloc: memory profiling — notebook cells 10 to 13.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>
#include <gclab/tracemalloc.hpp>

#include <optional>
#include <ranges>

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
  tracemalloc::start();

  // 현재 메모리 사용량 확인
  auto [current, peak] = tracemalloc::get_traced_memory();
  print("Initial memory usage:");
  print("  Current: {:.2f} KB", current / 1024.0);
  print("  Peak: {:.2f} KB", peak / 1024.0);
}

GCLAB_CELL(11, "5. tracemalloc: snapshots") {
  // 첫 번째 스냅샷
  snapshot1 = tracemalloc::take_snapshot();

  // 메모리를 사용하는 작업 수행
  print("Creating large data structures...");
  large_list = list(); for (int i = 0; i < 100000; ++i) large_list->append(i);  // [i for i in range(100000)]
  large_dict = dict(); for (int i = 0; i < 10000; ++i) large_dict->set(fmt::format("key_{}", i), i);  // {f"key_{i}": i ...}

  // 두 번째 스냅샷
  snapshot2 = tracemalloc::take_snapshot();

  // 메모리 사용량 변화
  auto [current, peak] = tracemalloc::get_traced_memory();
  print("\nAfter creating objects:");
  print("  Current: {:.2f} KB", current / 1024.0);
  print("  Peak: {:.2f} KB", peak / 1024.0);
}

GCLAB_CELL(12, "5. tracemalloc: comparing snapshots") {
  // 스냅샷 비교
  auto top_stats = snapshot2.value().compare_to(snapshot1.value(), "lineno");

  print("=== Top 10 Memory Differences ===");
  for (const auto& stat : top_stats | std::views::take(10)) print("{}", stat);  // top_stats[:10]
}

GCLAB_CELL(13, "5. tracemalloc: top memory consumers") {
  // 가장 많은 메모리를 사용하는 코드 라인 확인
  auto [current, peak] = tracemalloc::get_traced_memory();
  print("Current memory: {:.2f} KB", current / 1024.0);

  // 현재 메모리 상위 10개
  auto snapshot = tracemalloc::take_snapshot();
  auto top_stats = snapshot.statistics("lineno");

  print("\n=== Top 10 Memory Consumers ===");
  for (const auto& stat : top_stats | std::views::take(10)) print("{}", stat);  // top_stats[:10]

  // 메모리 추적 중지
  tracemalloc::stop();
  print("\nTracemalloc stopped.");
}
