// The tracemalloc workloads (bench/python/workloads.py: tm_*), linked into gclab_bench. Each
// measures the same work untraced (nframe 0 in the run name) and traced with 1 and 25 frames in
// one process, so bench/run can print traced/untraced ratios next to CPython's own.
//
//   * BM_TraceAllocLoop: `data = [[i] * 10 for i in range(n)]`, then `del data` -- a list and
//     its storage per row, plus the int object for i > 256: allocation-heavy.
//   * BM_TraceProcessData: the notebook's process_data(1000), the very function problem 3 gives
//     the student (exercises/P3-profile-process-data/process_data.hpp).
//   * BM_TraceSnapshot: take_snapshot() + statistics("lineno") with 150 000 live traces.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <string>

#include <gclab/gclab.hpp>

#include "process_data.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace tm = gclab::tracemalloc;

/// Traces with `nframe` frames for a scope (0: not at all).
class Tracing {
 public:
  explicit Tracing(int nframe) : on_(nframe > 0) {
    if (on_) tm::start(nframe);
  }
  ~Tracing() {
    if (on_) tm::stop();
  }
  Tracing(const Tracing&) = delete;
  Tracing& operator=(const Tracing&) = delete;

 private:
  bool on_;
};

[[gnu::noinline]] void alloc_loop(std::int64_t n) {
  auto data = gclab::list();
  for (std::int64_t i = 0; i < n; ++i) data->append(gclab::list({i}) * 10);
}

template <class Work>
void timed_traced(benchmark::State& state, Work work) {
  gclab::gc::disable();
  work();  // warm: the free lists hold what the workload needs
  for (auto _ : state) {
    Tracing tracing(static_cast<int>(state.range(0)));
    const auto start = Clock::now();
    work();
    state.SetIterationTime(std::chrono::duration<double>(Clock::now() - start).count());
  }
  gclab::gc::enable();
  state.counters["objects"] = 1;  // bench/run reports whole runs
}

void BM_TraceAllocLoop(benchmark::State& state) {
  constexpr std::int64_t n = 100'000;
  timed_traced(state, [] { alloc_loop(n); });
}
BENCHMARK(BM_TraceAllocLoop)->ArgName("nframe")->Arg(0)->Arg(1)->Arg(25)->Iterations(5)->UseManualTime();

void BM_TraceProcessData(benchmark::State& state) {
  timed_traced(state, [] { benchmark::DoNotOptimize(process_data(1000)); });
}
BENCHMARK(BM_TraceProcessData)->ArgName("nframe")->Arg(0)->Arg(1)->Arg(25)->Iterations(20)->UseManualTime();

void BM_TraceSnapshot(benchmark::State& state) {
  constexpr std::int64_t n = 150'000;
  gclab::gc::disable();
  Tracing tracing(1);
  auto kept = gclab::list();
  for (std::int64_t i = 0; i < n; ++i) kept->append(gclab::make<gclab::Dict>());
  std::size_t traces = 0;
  for (auto _ : state) {
    const auto start = Clock::now();
    auto snapshot = tm::take_snapshot();
    auto stats = snapshot.statistics("lineno");
    state.SetIterationTime(std::chrono::duration<double>(Clock::now() - start).count());
    traces = snapshot.traces().size();
    benchmark::DoNotOptimize(stats);
  }
  gclab::gc::enable();
  state.counters["objects"] = 1;
  state.counters["traces"] = static_cast<double>(traces);
}
BENCHMARK(BM_TraceSnapshot)->Iterations(5)->UseManualTime();

}  // namespace
