#include <catch2/catch.hpp>

#include "fixture_run.hpp"

using gclab::grader::check_profiling_report;
using Catch::Matchers::Contains;

// p3_reference.jsonl is what the probe reports for the problem's process_data(1000): the line that
// builds data ([i] * 100, process_data.hpp:31) first, as CPython's own profile of the notebook's
// function has the `data.append([i] * 100)` line first.

TEST_CASE("P3: the top lines of a snapshot taken at the end of the work earn everything", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_right.txt"));
  CHECK(v.fraction == Approx(1.0));
  CHECK(v.message.empty());
}

TEST_CASE("P3: a snapshot taken after the return misses the top line", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_after_return.txt"));
  CHECK(v.fraction == Approx(0.3));
  CHECK_THAT(v.message, Contains("Your top line is exercises/P3-profile-process-data/process_data.hpp:44, but the line "
                                 "that allocates the most is exercises/P3-profile-process-data/process_data.hpp:31"));
  CHECK_THAT(v.message, Contains("is not among your lines"));
}

TEST_CASE("P3: too many lines and numbers that are not the engine's cost their shares", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_too_many.txt"));
  CHECK(v.fraction == Approx(0.35));
  CHECK_THAT(v.message, Contains("You printed 11 statistics; the problem asks for the top 10."));
  CHECK_THAT(v.message, Contains("count=2000 (+2000)"));
}

TEST_CASE("P3: the stub, which prints no statistics, earns nothing", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_stub.txt"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("No line of the output reads like a tracemalloc statistic"));
}

TEST_CASE("P3: a probe that did not finish gives no credit", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("p3_reference_unfinished.jsonl", "{top: 10}", "p3_stdout_right.txt"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("did not finish"));
}

TEST_CASE("P3: a missing report gives no credit", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("no_such_report.jsonl", "{top: 10}", "p3_stdout_right.txt"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("the program wrote no report"));
}

TEST_CASE("P3: a garbled report gives no credit", "[problems][p3]") {
  const auto v = check_profiling_report(fixture_run("p2_garbled.jsonl", "{top: 10}", "p3_stdout_right.txt"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("line 4 of the report is not a JSON object"));
}

TEST_CASE("P3: in Korean, a late snapshot and a missing profile are explained in Korean", "[problems][p3][ko]") {
  const auto late =
      check_profiling_report(in_korean(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_after_return.txt")));
  CHECK(late.fraction == Approx(0.3));
  CHECK_THAT(late.message, Contains("여러분의 첫 줄은 exercises/P3-profile-process-data/process_data.hpp:44이지만, 가장 "
                                    "많이 할당하는 줄은 data를 만드는 exercises/P3-profile-process-data/process_data.hpp:31"));
  CHECK_THAT(late.message, Contains("process_data에 넘기는 람다 안에서"));
  CHECK_THAT(late.message, Contains("process_data.hpp:31이(가) 없어서 크기를 비교할 수 없습니다"));
  const auto many =
      check_profiling_report(in_korean(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_too_many.txt")));
  CHECK_THAT(many.message, Contains("통계를 11개 출력했습니다. 문제는 상위 10개를 요구합니다."));
  const auto stub = check_profiling_report(in_korean(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_stub.txt")));
  CHECK(stub.fraction == 0.0);
  CHECK_THAT(stub.message, Contains("출력에 tracemalloc 통계처럼 보이는 줄이 없습니다"));
  CHECK_THAT(check_profiling_report(fixture_run("p3_reference.jsonl", "{top: 10}", "p3_stdout_too_many.txt")).message,
             Contains("You printed 11 statistics; the problem asks for the top 10."));
}
