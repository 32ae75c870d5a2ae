// 5.1 Detecting a memory leak with tracemalloc — notebook cell 14.
#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>
#include <gclab/tracemalloc.hpp>

#include <ranges>

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
  tracemalloc::start();

  // 초기 스냅샷
  auto snapshot1 = tracemalloc::take_snapshot();

  // 메모리 누수 시뮬레이션
  print("Simulating memory leak...");
  for (int i = 0; i < 100; ++i) {
    Ref<MemoryLeak> _ = make<MemoryLeak>(list({i}) * 1000);  // 큰 객체 생성
  }

  // 두 번째 스냅샷
  auto snapshot2 = tracemalloc::take_snapshot();

  // 비교
  auto diff = snapshot2.compare_to(snapshot1, "lineno");
  print("\n=== Memory Leak Detection ===");
  for (const auto& stat : diff | std::views::take(5)) {
    if (stat.size_diff > 0) {
      print("+{:.2f} KB: {}", stat.size_diff / 1024.0, stat.traceback.format().back());
    }
  }

  // 정리
  MemoryLeak::_cache->clear();
  tracemalloc::stop();
}
