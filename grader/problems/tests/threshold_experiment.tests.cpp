#include <catch2/catch.hpp>

#include "fixture_run.hpp"

using gclab::grader::check_threshold_experiment;
using Catch::Matchers::Contains;

// The reference lines in the fixtures are CPython 3.11's numbers for the problem's workload (100
// rings of 1000 nodes, dropped one by one; gc.freeze() first so that the interpreter's own objects
// stay out of it; grader/hidden/P4-gc-thresholds.py): (700, 10, 10) runs 130/11/1 collections,
// (100, 5, 5) 829/138/23, (2000, 20, 20) 48/2/0; tracemalloc's peaks are 1407809, 416673 and
// 1929553 bytes.

TEST_CASE("P4: exact counts, growing peaks and the right conclusion earn everything", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_measured.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  CHECK(v.fraction == Approx(1.0));
  CHECK(v.message.empty());
}

TEST_CASE("P4: peaks in another unit (live objects) are judged by their order only", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_objects.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  CHECK(v.fraction == Approx(1.0));
}

TEST_CASE("P4: the untouched stub earns nothing", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_stub.jsonl", "{conclusion: p4_conclusion_blank.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("(100, 5, 5): you counted 0/0/0 collections (gen0/gen1/gen2), but the engine's "
                                 "schedule runs 829/138/23"));
  CHECK_THAT(v.message, Contains("The peaks should grow with the thresholds"));
  CHECK_THAT(v.message, Contains("collects_most_often: not answered yet"));
}

TEST_CASE("P4: wrong counts for one setting and a missing setting cost their share", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_partly.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  // counts: 1 of 3 settings right (0.15 of 0.45); peaks: not all three (0 of 0.15); conclusion: 0.4.
  CHECK(v.fraction == Approx(0.55));
  CHECK_THAT(v.message, Contains("(100, 5, 5): you counted 1658/276/46"));
  CHECK_THAT(v.message, Contains("(2000, 20, 20): no measurement was reported"));
}

TEST_CASE("P4: a conclusion the data contradicts is explained by the data", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_measured.jsonl", "{conclusion: p4_conclusion_wrong.yaml}"));
  CHECK(v.fraction == Approx(0.6));
  CHECK_THAT(v.message, Contains("collects_most_often: you said (2000, 20, 20), but the data says (100, 5, 5): it "
                                 "ran 990 collections in all"));
  CHECK_THAT(v.message, Contains("holds_most_garbage: you said (100, 5, 5), but the data says (2000, 20, 20): its "
                                 "peak was 1929553 bytes"));
}

TEST_CASE("P4: an answer that names no setting is pointed out", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_measured.jsonl", "{conclusion: p4_conclusion_vague.yaml}"));
  CHECK(v.fraction == Approx(0.8));
  CHECK_THAT(v.message, Contains("holds_most_garbage: `the biggest one` is none of the three settings"));
}

TEST_CASE("P4: without the grader's reference run there is no credit", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_no_reference.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("reference run of the workload did not finish"));
}

TEST_CASE("P4: a missing report gives no credit", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("no_such_report.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("the program wrote no report"));
}

TEST_CASE("P4: a garbled report gives no credit", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_garbled.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("line 3 of the report is not a JSON object"));
}

TEST_CASE("P4: a missing conclusion file costs the conclusion's share only", "[problems][p4]") {
  const auto v = check_threshold_experiment(fixture_run("p4_measured.jsonl", "{conclusion: no_such_conclusion.yaml}"));
  CHECK(v.fraction == Approx(0.6));
  CHECK_THAT(v.message, Contains("no_such_conclusion.yaml is missing"));
}

TEST_CASE("P4: the hidden rubric's CPython counts catch a disturbed reference run", "[problems][p4]") {
  const std::string cpython = R"({conclusion: p4_conclusion_right.yaml, expected: {"700, 10, 10": [130, 11, 1], )"
                              R"("100, 5, 5": [829, 138, 23], "2000, 20, 20": [48, 2, 0]}})";
  CHECK(check_threshold_experiment(fixture_run("p4_measured.jsonl", cpython)).fraction == Approx(1.0));
  const std::string other = R"({conclusion: p4_conclusion_right.yaml, expected: {"100, 5, 5": [829, 138, 24]}})";
  const auto v = check_threshold_experiment(fixture_run("p4_measured.jsonl", other));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("ran 829/138/23 collections, not CPython's"));
  CHECK_THAT(v.message, !Contains("829/138/24"));  // the pinned counts are a hidden check's: never shown
}

TEST_CASE("P4: in Korean, wrong counts and a contradicted conclusion are explained in Korean", "[problems][p4][ko]") {
  const auto stub = check_threshold_experiment(in_korean(fixture_run("p4_stub.jsonl", "{conclusion: p4_conclusion_blank.yaml}")));
  CHECK(stub.fraction == 0.0);
  CHECK_THAT(stub.message, Contains("(100, 5, 5): 수집 횟수를 0/0/0(gen0/gen1/gen2)로 셌지만, 이 작업(노드 1000개짜리 "
                                    "고리 100개)에서 엔진의 일정은 829/138/23번 수집합니다"));
  CHECK_THAT(stub.message, Contains("최대 메모리(peak)는 임계값이 클수록 커져야 합니다"));
  CHECK_THAT(stub.message, Contains("collects_most_often: 아직 답하지 않았습니다"));
  const auto wrong =
      check_threshold_experiment(in_korean(fixture_run("p4_measured.jsonl", "{conclusion: p4_conclusion_wrong.yaml}")));
  CHECK(wrong.fraction == Approx(0.6));
  CHECK_THAT(wrong.message, Contains("collects_most_often: (2000, 20, 20)(이)라고 답했지만 데이터가 가리키는 것은 "
                                     "(100, 5, 5)입니다: 모두 990번 수집했습니다"));
  CHECK_THAT(wrong.message, Contains("holds_most_garbage: (100, 5, 5)(이)라고 답했지만 데이터가 가리키는 것은 "
                                     "(2000, 20, 20)입니다: 최대 메모리가 1929553바이트였습니다"));
  CHECK_THAT(check_threshold_experiment(fixture_run("p4_measured.jsonl", "{conclusion: p4_conclusion_wrong.yaml}")).message,
             Contains("collects_most_often: you said (2000, 20, 20), but the data says (100, 5, 5): it ran 990 "
                      "collections in all"));
}

// The chart the grader core draws from the verdict: the student's own measurements, setting by
// setting in the order the probe ran them, in the unit the student named.
TEST_CASE("P4: the verdict charts the student's measurements, only the settings measured", "[problems][p4][chart]") {
  const auto v = check_threshold_experiment(fixture_run("p4_objects.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  REQUIRE(v.charts.size() == 1);
  const gclab::grader::BarChart& chart = v.charts[0];
  CHECK(chart.groups == std::vector<std::string>{"(700, 10, 10)", "(100, 5, 5)", "(2000, 20, 20)"});
  REQUIRE(chart.panels.size() == 3);
  CHECK(chart.panels[0].series == std::vector<std::string>{"gen0", "gen1", "gen2"});
  CHECK(chart.panels[0].values == std::vector<std::vector<double>>{{130, 11, 1}, {829, 138, 23}, {48, 2, 0}});
  CHECK(chart.panels[1].title == "peak memory (objects)");
  CHECK(chart.panels[1].values == std::vector<std::vector<double>>{{17536}, {5189}, {24010}});
  CHECK(chart.panels[2].values == std::vector<std::vector<double>>{{0.0365}, {0.0397}, {0.0323}});

  // (2000, 20, 20) was not measured: two groups, with what the student counted, right or wrong.
  const auto partly = check_threshold_experiment(fixture_run("p4_partly.jsonl", "{conclusion: p4_conclusion_right.yaml}"));
  REQUIRE(partly.charts.size() == 1);
  CHECK(partly.charts[0].groups == std::vector<std::string>{"(700, 10, 10)", "(100, 5, 5)"});
  CHECK(partly.charts[0].panels[0].values == std::vector<std::vector<double>>{{130, 11, 1}, {1658, 276, 46}});

  // Without the grader's reference run nothing is graded, and nothing is drawn.
  CHECK(check_threshold_experiment(fixture_run("p4_no_reference.jsonl", "{conclusion: p4_conclusion_right.yaml}")).charts.empty());
}
