// The checks on real runs: each problem's exercise and solution program (with the grader's probe
// linked in) run with a report channel (GCLAB_REPORT_FD), as the grader runs them, and their runs graded. The
// reference solutions must earn everything and the untouched stubs nothing.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "gclab/grader/problem_checks.hpp"

namespace {

namespace fs = std::filesystem;
using gclab::grader::ProblemRun;

/// Runs `program` as the grader does and returns the run (what it printed, what it reported),
/// graded from `folder` (exercises/ or solutions/ + the problem) with the rubric's `with`.
ProblemRun run_program(const std::string& program, const std::string& folder, const std::string& with) {
  const fs::path base = fs::temp_directory_path() /
                        fmt::format("gclab-problem-{}-{}", ::getpid(), fs::path(program).filename().string());
  const fs::path report = base.string() + ".jsonl", printed = base.string() + ".out";
  fs::remove(report);
  const std::string command =
      fmt::format("GCLAB_REPORT_FD=3 '{}' > '{}' 3> '{}'", program, printed.string(), report.string());
  REQUIRE(std::system(command.c_str()) == 0);
  std::ostringstream text;
  text << std::ifstream(printed).rdbuf();
  std::ostringstream reported;
  reported << std::ifstream(report).rdbuf();
  return {fs::path(GCLAB_SOURCE_ROOT) / folder, text.str(), reported.str(), YAML::Load(with)};
}

}  // namespace

TEST_CASE("P1 program: the solution's answers earn everything, the blank stub's nothing", "[problems][programs]") {
  const std::string with = "{answers: answers.yaml, expected: {initial: 2, after_ref1: 3, after_ref2: 4, "
                           "after_del_ref1: 3, after_return: 2}}";  // CPython 3.11's values
  CHECK(gclab::grader::check_refcount_predictions(
            run_program(GCLAB_SOLUTION_P1, "solutions/P1-predict-refcounts", with)).fraction == 1.0);
  const auto stub = gclab::grader::check_refcount_predictions(
      run_program(GCLAB_EXERCISE_P1, "exercises/P1-predict-refcounts", with));
  CHECK(stub.fraction == 0.0);
  CHECK_THAT(stub.message, Catch::Matchers::Contains("initial: not answered yet"));
}

TEST_CASE("P2 program: the weak parent link earns everything, the notebook's cycle nothing", "[problems][programs]") {
  CHECK(gclab::grader::check_cycle_freed_by_weakref(
            run_program(GCLAB_SOLUTION_P2, "solutions/P2-weakref-parent-child", "{}")).fraction == 1.0);
  const auto stub = gclab::grader::check_cycle_freed_by_weakref(
      run_program(GCLAB_EXERCISE_P2, "exercises/P2-weakref-parent-child", "{}"));
  CHECK(stub.fraction == 0.0);
  CHECK_THAT(stub.message, Catch::Matchers::Contains("find 5 objects"));  // CPython 3.11 collects 5 too
}

TEST_CASE("P4 program: the solution's measurements earn everything, the stub's nothing", "[problems][programs]") {
  const std::string with = R"({conclusion: conclusion.yaml, expected: {"700, 10, 10": [130, 11, 1], )"
                           R"("100, 5, 5": [829, 138, 23], "2000, 20, 20": [48, 2, 0]}})";  // CPython 3.11's
  CHECK(gclab::grader::check_threshold_experiment(
            run_program(GCLAB_SOLUTION_P4, "solutions/P4-gc-thresholds", with)).fraction == Approx(1.0));
  CHECK(gclab::grader::check_threshold_experiment(
            run_program(GCLAB_EXERCISE_P4, "exercises/P4-gc-thresholds", with)).fraction == 0.0);
}

TEST_CASE("P3 program: the solution's profile earns everything, the stub's nothing", "[problems][programs]") {
  const auto graded = [](const std::string& program, const std::string& folder) {
    return gclab::grader::check_profiling_report(run_program(program, folder, "{top: 10}"));
  };
  CHECK(graded(GCLAB_SOLUTION_P3, "solutions/P3-profile-process-data").fraction == Approx(1.0));
  CHECK(graded(GCLAB_EXERCISE_P3, "exercises/P3-profile-process-data").fraction == 0.0);
}
