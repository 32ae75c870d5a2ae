// The problem kinds (refcount_predictions, cycle_freed_by_weakref, profiling_report,
// threshold_experiment): run the program in the sandbox with a report channel, then hand what it
// reported there (only a complete report: build_and_run fails one cut short) to
// gclab::problem_checks, in the grader's own process. What the program printed is feedback.
#include <fmt/format.h>

#include "charts/gnuplot.hpp"
#include "checks/kinds.hpp"
#include "checks/run_program.hpp"

#ifdef GCLAB_HAVE_PROBLEM_CHECKS
#include "gclab/grader/problem_checks.hpp"
#endif

namespace gclab::grader {

bool kind_available(CheckKind kind) {
  switch (kind) {
    case CheckKind::compiles:
    case CheckKind::output_matches:
    case CheckKind::catch2: return true;
    default:
#ifdef GCLAB_HAVE_PROBLEM_CHECKS
      return true;
#else
      return false;
#endif
  }
}

CheckResult check_problem(CheckEnv& env, const Check& check) {
  CheckResult result;
#ifndef GCLAB_HAVE_PROBLEM_CHECKS
  result.outcome = Outcome::failed;
  result.explanation = tr(env.lang, fmt::format("이 채점기는 {} 검사 없이 빌드되었습니다 (grader/problems/)", kind_name(check.kind)),
                          fmt::format("this grader was built without the {} check (grader/problems/)", kind_name(check.kind)));
  return result;
#else
  const ProgramRun run =
      build_and_run(env, check, env.subject.target, env.subject.program, {{}, {}, false, /*report_channel=*/true});
  if (!run.run) return result_of(run.outcome, run.explanation);
  if (!run.run->succeeded()) return result_of(Outcome::failed, explain_exit_status(*run.run, env.lang));

  const ProblemRun problem{env.subject.dir, run.run->out, run.run->report, check.with, env.lang};
  ProblemVerdict verdict;
  switch (check.kind) {
    case CheckKind::refcount_predictions: verdict = check_refcount_predictions(problem); break;
    case CheckKind::cycle_freed_by_weakref: verdict = check_cycle_freed_by_weakref(problem); break;
    case CheckKind::profiling_report: verdict = check_profiling_report(problem); break;
    case CheckKind::threshold_experiment: verdict = check_threshold_experiment(problem); break;
    default: throw std::logic_error("check_problem called for a core kind");
  }
  result.outcome = verdict.fraction >= 1.0 ? Outcome::passed : Outcome::failed;
  result.earned = static_cast<double>(check.points) * std::clamp(verdict.fraction, 0.0, 1.0);
  result.explanation = verdict.message;
  for (auto& [title, dot] : verdict.pictures) result.pictures.push_back({std::move(title), std::move(dot), {}});
  // A chart is a help, not part of the grade: without gnuplot the check says so in one line.
  for (const BarChart& chart : verdict.charts) {
    try {
      result.pictures.push_back({chart.title, {}, chart_svg(chart)});
    } catch (const std::exception& e) {
      if (!result.explanation.empty()) result.explanation += '\n';
      result.explanation += tr(env.lang, "그래프를 그리지 못했습니다: ", "could not draw the chart: ") + e.what();
    }
  }
  return result;
#endif
}

}  // namespace gclab::grader
