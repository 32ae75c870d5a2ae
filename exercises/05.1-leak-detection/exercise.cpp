// 5.1 Detecting a memory leak with tracemalloc — notebook cell 14.
// Exercise: fill in the TODOs (see README.md).
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>
#include <gclab/tracemalloc.hpp>

#include <ranges>
#include <vector>

using namespace gclab;

namespace {

/// 의도적으로 메모리 누수를 발생시키는 클래스
struct MemoryLeak : Object {
  inline static Ref<List> _cache;  // 클래스 레벨 캐시 (계속 누적됨)

  Ref<Object> data;
  explicit MemoryLeak(Ref<Object> data_) : data(std::move(data_)) {
    // 문제: 이 객체가 _cache에 계속 쌓임
    MemoryLeak::_cache->append(self(this));
  }
  GCLAB_TRAVERSE(data)
};

}  // namespace

GCLAB_CELL(14, "5.1 Detecting a memory leak") {
  MemoryLeak::_cache = list();  // Python runs the class body here: _cache = []

  // 메모리 추적 시작
  // TODO(ko): tracemalloc::start()로 메모리 추적을 시작하세요
  // TODO(en): start tracing memory with tracemalloc::start()

  // 초기 스냅샷
  // TODO(ko): snapshot1 = tracemalloc::take_snapshot();으로 초기 스냅샷을 찍으세요
  // TODO(en): take the first snapshot: auto snapshot1 = tracemalloc::take_snapshot();

  // 메모리 누수 시뮬레이션 (주어진 코드: 보고서가 이 줄들을 인용하니 고치지 마세요
  //                        given: the report quotes these lines, so keep them as they are)
  print("Simulating memory leak...");
  for (int i = 0; i < 100; ++i) {
    Ref<MemoryLeak> _ = make<MemoryLeak>(list({i}) * 1000);  // 큰 객체 생성
  }

  // 두 번째 스냅샷
  // TODO(ko): 두 번째 스냅샷 snapshot2를 찍으세요
  // TODO(en): take the second snapshot, snapshot2

  // 비교
  // TODO(ko): 빈 목록 대신 snapshot2.compare_to(snapshot1, "lineno")의 결과를 쓰세요
  // TODO(en): instead of an empty list, use snapshot2.compare_to(snapshot1, "lineno")
  std::vector<tracemalloc::StatisticDiff> diff;
  print("\n=== Memory Leak Detection ===");
  for (const auto& stat : diff | std::views::take(5)) {
    if (stat.size_diff > 0) {
      // TODO(ko): "?" 대신 늘어난 크기(stat.size_diff / 1024.0)와 그 줄의 소스
      //           (stat.traceback.format().back(), Python의 format()[-1])를 출력하세요
      // TODO(en): instead of "?", print the growth (stat.size_diff / 1024.0) and the line's source
      //           (stat.traceback.format().back(), Python's format()[-1])
      print("+{} KB: {}", "?", "?");
    }
  }

  // 정리
  MemoryLeak::_cache->clear();
  // TODO(ko): tracemalloc::stop()으로 추적을 멈추세요
  // TODO(en): stop tracing with tracemalloc::stop()
}
