// Problem 4's probe: the reference run of the experiment. For each of the notebook's three
// threshold settings it runs the problem's workload (workload.hpp: create_circular_refs(kCount),
// dropped again, kRounds times) from a fresh full collection, and reports how many collections of each
// generation the engine's schedule ran and the peak of the memory tracemalloc traced. The check
// holds the student's own measurements against these.
#include <array>

#include <gclab/tracemalloc.hpp>

#include "probe.hpp"
#include "workload.hpp"  // the problem's own workload (the exercise's or the solution's copy)

namespace {

using namespace gclab;

void reference_run(const gc::Triple& threshold) {
  std::array<std::ptrdiff_t, 3> collections{};
  gc::collect();  // every setting starts from the same state: no garbage, counts (0, 0, 0)
  gc::set_threshold(threshold.gen0, threshold.gen1, threshold.gen2);
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo& info) {
    if (phase == "start") ++collections.at(static_cast<std::size_t>(info.generation));
  });
  // Tracing records no GC objects, so it leaves the schedule as it is.
  const std::size_t before = tracemalloc::get_traced_memory().current;
  tracemalloc::reset_peak();
  run_workload();
  const std::size_t peak = tracemalloc::get_traced_memory().peak - before;
  gc::callbacks().pop_back();
  workbook::report("threshold_reference",
                   {{"threshold", {threshold.gen0, threshold.gen1, threshold.gen2}},
                    {"collections", collections},
                    {"peak", peak},
                    {"peak_unit", "bytes"},
                    {"workload", {{"rounds", kRounds}, {"count", kCount}}}});
}

void probe() {
  // Whatever the student's program left behind (callbacks, a disabled collector, thresholds,
  // tracing) must not change the reference run; it is put back afterwards.
  std::vector<gc::Callback> student_callbacks = std::exchange(gc::callbacks(), {});
  const bool was_enabled = gc::isenabled();
  const bool was_tracing = tracemalloc::is_tracing();
  const gc::Triple old = gc::get_threshold();
  gc::enable();
  if (!was_tracing) tracemalloc::start();
  for (const gc::Triple& threshold : {gc::Triple{700, 10, 10}, gc::Triple{100, 5, 5}, gc::Triple{2000, 20, 20}})
    reference_run(threshold);
  if (!was_tracing) tracemalloc::stop();
  gc::set_threshold(old.gen0, old.gen1, old.gen2);
  if (!was_enabled) gc::disable();
  gc::callbacks() = std::move(student_callbacks);
  workbook::report("probe_done");
}

[[maybe_unused]] const bool registered = probes::register_probe(22, "grader probe: problem 4", &probe);

}  // namespace
