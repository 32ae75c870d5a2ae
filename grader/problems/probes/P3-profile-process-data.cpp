// Problem 3's probe: the engine's own profile of the problem's process_data(1000)
// (process_data.hpp, the exercise's or the solution's copy), taken as the problem asks: a snapshot
// before, a snapshot at the end of the work (while data and lookup are alive), compared by line.
// It reports every StatisticDiff line, formatted as CPython formats them; the check holds the
// lines the student's program printed against these.
#include <gclab/tracemalloc.hpp>

#include <optional>

#include "probe.hpp"
#include "process_data.hpp"

namespace {

void probe() {
  // The student's program has finished with its own tracing; the probe traces afresh.
  if (tracemalloc::is_tracing()) tracemalloc::stop();
  tracemalloc::start();
  std::optional<tracemalloc::Snapshot> before = tracemalloc::take_snapshot();
  std::optional<tracemalloc::Snapshot> after;
  const Ref<List> result = process_data(1000, [&] { after = tracemalloc::take_snapshot(); });
  std::vector<std::string> stats;
  for (const auto& stat : after->compare_to(*before, "lineno")) stats.push_back(fmt::format("{}", stat));
  tracemalloc::stop();
  workbook::report("profile_reference", {{"stats", stats}});
  workbook::report("probe_done");
}

[[maybe_unused]] const bool registered = probes::register_probe(21, "grader probe: problem 3", &probe);

}  // namespace
