// The check kinds and grading, on the fixture program: every outcome is distinct and explained,
// and a check's failure costs that check (and its dependents) only.
#include <catch2/catch.hpp>

#include "build/builder.hpp"
#include "checks/grade.hpp"
#include "checks/kinds.hpp"
#include "rubric/load.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

Check output_check(const std::string& with_yaml, int timeout = 10, int memory = 512) {
  Check check;
  check.id = "output";
  check.kind = CheckKind::output_matches;
  check.points = 4;
  check.timeout_seconds = timeout;
  check.memory_mib = memory;
  check.with = YAML::Load(with_yaml);
  check.rubric_dir = kFixtures / "expected";
  return check;
}

CheckResult grade_one(const Check& check, Builder& builder) {
  CheckEnv env = fixture_env(builder);
  const GradeReport report = grade("fixture", {check}, env);
  REQUIRE(report.results.size() == 1);
  return report.results[0];
}

}  // namespace

TEST_CASE("output_matches passes when the output equals the solution's", "[checks]") {
  FakeBuilder builder;
  const CheckResult r = grade_one(output_check("{cells: [1], expected: solution}"), builder);
  CHECK(r.outcome == Outcome::passed);
  CHECK(r.earned == 4);
  // Both programs were built first: the graded one and the reference.
  CHECK(builder.built == std::vector<std::string>{"fixture-target", "reference-target"});
}

TEST_CASE("output_matches explains the first differing line: expected, got, line number", "[checks]") {
  FakeBuilder builder;
  const CheckResult r = grade_one(output_check("{cells: [2], expected: solution}"), builder);
  CHECK(r.outcome == Outcome::failed);
  CHECK(r.earned == 0);
  CHECK(r.explanation == "cell 2, line 2 differs\n    expected: 'world'\n    got:      'there'");
}

TEST_CASE("output_matches normalises addresses and trailing blanks", "[checks]") {
  FakeBuilder builder;
  CHECK(grade_one(output_check("{cells: [8], expected: solution}"), builder).outcome == Outcome::passed);
}

TEST_CASE("output_matches takes the solution's source file and the student's, wherever staged, for one file", "[checks]") {
  // A tracemalloc report names the program's own file: solutions/<ex>/solution.cpp for the
  // reference, exercises/<ex>/exercise.cpp (or a batch's staged copy of it) for the student.
  FakeBuilder builder;
  CHECK(grade_one(output_check("{cells: [10], expected: solution}"), builder).outcome == Outcome::passed);
  const CheckResult r = grade_one(output_check("{cells: [11], expected: solution}"), builder);
  CHECK(r.outcome == Outcome::failed);  // the same file, but another line
  CHECK(r.explanation == "cell 11, line 1 differs\n    expected: '  File \"exercises/fixture/exercise.cpp\", line 12'\n"
                         "    got:      '  File \"exercises/fixture/exercise.cpp\", line 13'");
}

TEST_CASE("output_matches compares with a file, relative to the rubric", "[checks]") {
  FakeBuilder builder;
  CHECK(grade_one(output_check("{cells: [1], expected_file: hello.out}"), builder).outcome == Outcome::passed);
  // One cell: the difference is placed in it, as when the check compares with the solution (a
  // student course's recorded outputs are such files).
  const CheckResult r = grade_one(output_check("{cells: [2], expected_file: hello.out}"), builder);
  CHECK(r.outcome == Outcome::failed);
  CHECK(r.explanation == "cell 2, line 2 differs\n    expected: 'world'\n    got:      'there'");
}

TEST_CASE("output_matches drops ignore_lines on both sides", "[checks]") {
  FakeBuilder builder;
  CHECK(grade_one(output_check("{cells: [2], expected: solution, ignore_lines: ['^(world|there)$']}"), builder).outcome ==
        Outcome::passed);
}

TEST_CASE("a crash is reported with its signal", "[checks]") {
  FakeBuilder builder;
  const CheckResult segv = grade_one(output_check("{cells: [3]}"), builder);
  CHECK(segv.outcome == Outcome::crashed);
  CHECK_THAT(segv.explanation, Catch::StartsWith("cell 3, was killed by SIGSEGV"));
  const CheckResult abort = grade_one(output_check("{cells: [4]}"), builder);
  CHECK(abort.outcome == Outcome::crashed);
  CHECK_THAT(abort.explanation, Catch::Contains("SIGABRT"));
}

TEST_CASE("a hang is a timeout after the check's own limit", "[checks]") {
  FakeBuilder builder;
  const CheckResult r = grade_one(output_check("{cells: [5]}", /*timeout=*/1), builder);
  CHECK(r.outcome == Outcome::timeout);
  CHECK_THAT(r.explanation, Catch::Contains("did not finish within 1 s"));
}

TEST_CASE("unbounded allocation is a memory-limit outcome", "[checks]") {
  FakeBuilder builder;
  const CheckResult r = grade_one(output_check("{cells: [6]}", 10, /*memory=*/64), builder);
  CHECK(r.outcome == Outcome::memory_limit);
  CHECK_THAT(r.explanation, Catch::Contains("64 MiB"));
}

TEST_CASE("a non-zero exit status fails the check and says so", "[checks]") {
  FakeBuilder builder;
  const CheckResult r = grade_one(output_check("{cells: [7]}"), builder);
  CHECK(r.outcome == Outcome::failed);
  CHECK_THAT(r.explanation, Catch::StartsWith("cell 7, the program exited with status 3"));
}

TEST_CASE("a build error is its own outcome, with the compiler's first error", "[checks]") {
  FakeBuilder builder;
  BuildResult failed;
  failed.first_error = "exercise.cpp:3:16: error: expected ';'\n";
  builder.failures["fixture-target"] = failed;
  Check compiles;
  compiles.id = "builds";
  compiles.kind = CheckKind::compiles;
  const CheckResult r = grade_one(compiles, builder);
  CHECK(r.outcome == Outcome::build_error);
  CHECK(r.explanation == "the compiler's first error:\n    exercise.cpp:3:16: error: expected ';'");
}

TEST_CASE("checks whose dependency did not pass are skipped, with the reason", "[checks]") {
  const Rubric rubric = load_rubric(kFixtures / "rubrics" / "depends.yaml", {});
  SECTION("the build fails: everything after it is skipped") {
    FakeBuilder builder;
    builder.failures["fixture-target"] = BuildResult{};
    CheckEnv env = fixture_env(builder);
    const GradeReport report = grade("fixture", rubric.checks, env);
    REQUIRE(report.results.size() == 4);
    CHECK(report.results[0].outcome == Outcome::build_error);
    CHECK(report.results[1].outcome == Outcome::skipped);
    CHECK(report.results[1].explanation == "skipped: builds ended in build error");
    CHECK(report.results[2].outcome == Outcome::skipped);
    CHECK(report.results[2].explanation == "skipped: wrong was skipped");
    CHECK(report.results[3].outcome == Outcome::skipped);
    CHECK(report.earned() == 0);
  }
  SECTION("a check fails: only its dependents are skipped") {
    FakeBuilder builder;
    CheckEnv env = fixture_env(builder);
    const GradeReport report = grade("fixture", rubric.checks, env);
    REQUIRE(report.results.size() == 4);
    CHECK(report.results[0].outcome == Outcome::passed);
    CHECK(report.results[1].outcome == Outcome::failed);
    CHECK(report.results[2].outcome == Outcome::skipped);
    CHECK(report.results[2].explanation == "skipped: wrong failed");
    CHECK(report.results[3].outcome == Outcome::passed);  // depends on builds only
    CHECK(report.earned() == 1 + 3);
    CHECK(report.possible() == 1 + 4 + 2 + 3);
  }
}

TEST_CASE("the compiles check builds the real target and trims the compiler's error", "[checks][build]") {
  CMakeBuilder builder(kBuildDir, kSourceDir);
  const BuildResult r = builder.build("grader_fixture_broken");
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r.timed_out);
  CHECK_THAT(r.first_error, Catch::StartsWith("tests/grader/programs/broken.cpp:3:16: error: invalid conversion"));
  CHECK(std::count(r.first_error.begin(), r.first_error.end(), '\n') <= 6);
  CHECK(r.first_error.find(kSourceDir.string() + "/") == std::string::npos);
}

TEST_CASE("catch2 runs named cases each in its own process and shares out the points", "[checks]") {
  FakeBuilder builder;
  Check check;
  check.id = "tests";
  check.kind = CheckKind::catch2;
  check.points = 4;
  SECTION("a passing case") {
    check.with = YAML::Load(std::string("{program: ") + GCLAB_TEST_FIXTURE_CATCH2 + ", cases: [adds up]}");
    CHECK(grade_one(check, builder).outcome == Outcome::passed);
  }
  SECTION("one of two cases fails: half the points, the failing case named") {
    check.with = YAML::Load(std::string("{program: ") + GCLAB_TEST_FIXTURE_CATCH2 + ", cases: [adds up, is wrong]}");
    const CheckResult r = grade_one(check, builder);
    CHECK(r.outcome == Outcome::failed);
    CHECK(r.earned == 2);
    CHECK_THAT(r.explanation, Catch::StartsWith("1/2 cases passed; 'is wrong': "));
  }
  SECTION("a case that does not exist fails") {
    check.with = YAML::Load(std::string("{program: ") + GCLAB_TEST_FIXTURE_CATCH2 + ", cases: [no such case]}");
    const CheckResult r = grade_one(check, builder);
    CHECK(r.outcome == Outcome::failed);
    CHECK_THAT(r.explanation, Catch::Contains("no test case has this name"));
  }
}
