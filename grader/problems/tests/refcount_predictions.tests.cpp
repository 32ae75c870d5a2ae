#include <catch2/catch.hpp>

#include "fixture_run.hpp"

using gclab::grader::check_refcount_predictions;
using Catch::Matchers::Contains;

// CPython 3.11 prints 2, 3, 4, 3, 2 for the notebook's track_refcount() with the TODOs filled in;
// p1_report.jsonl is what the probe reports for it.

TEST_CASE("P1: five right predictions earn everything", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", "{answers: p1_answers_right.yaml}"));
  CHECK(v.fraction == 1.0);
  CHECK(v.message.empty());
}

TEST_CASE("P1: each wrong blank is explained by who holds the references", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", "{answers: p1_answers_partly.yaml}"));
  CHECK(v.fraction == Approx(2.0 / 5));
  CHECK_THAT(v.message, Contains("initial: you said 1, it is 2: data (local) + getrefcount's own argument"));
  CHECK_THAT(v.message,
             Contains("after_ref2: you said 3, it is 4: data, ref1, ref2 (locals) + getrefcount's own argument"));
  CHECK_THAT(v.message, Contains("after_return: not answered yet"));
  CHECK_THAT(v.message, !Contains("after_ref1:"));  // right blanks are not mentioned
}

TEST_CASE("P1: the untouched answers file earns nothing, without giving the answers away", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", "{answers: p1_answers_blank.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("initial: not answered yet"));
  CHECK_THAT(v.message, !Contains("it is"));
}

TEST_CASE("P1: a word instead of a number is wrong, and an unknown key is pointed out", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", "{answers: p1_answers_words.yaml}"));
  CHECK(v.fraction == Approx(4.0 / 5));
  CHECK_THAT(v.message, Contains("initial: `two` is not a whole number"));
  CHECK_THAT(v.message, Contains("`after_ref3` is not one of the blanks"));
}

TEST_CASE("P1: answers that are not YAML give no credit and say where", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", "{answers: p1_answers_bad.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("p1_answers_bad.yaml:"));
  CHECK_THAT(v.message, Contains("not valid YAML"));
}

TEST_CASE("P1: a missing answers file gives no credit", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", "{answers: no_such_answers.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("no_such_answers.yaml is missing"));
}

TEST_CASE("P1: a missing report gives no credit", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("no_such_report.jsonl", "{answers: p1_answers_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("the program wrote no report"));
}

TEST_CASE("P1: a report cut short by a crash gives no credit", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report_crashed.jsonl", "{answers: p1_answers_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("there is no refcount for step after_return"));
}

TEST_CASE("P1: a garbled report gives no credit and names the line", "[problems][p1]") {
  const auto v = check_refcount_predictions(fixture_run("p1_report_garbled.jsonl", "{answers: p1_answers_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("line 3 of the report is not a JSON object"));
}

TEST_CASE("P1: a count its holders do not add up to is not trusted", "[problems][p1]") {
  const auto v =
      check_refcount_predictions(fixture_run("p1_report_inconsistent.jsonl", "{answers: p1_answers_right.yaml}"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("step after_ref2 reports 5 references but names 4 holders"));
}

TEST_CASE("P1: the hidden rubric's expected values catch a program that measures elsewhere", "[problems][p1]") {
  const std::string pinned = "{answers: p1_answers_right.yaml, expected: {initial: 2, after_ref1: 3, after_ref2: 4, "
                             "after_del_ref1: 3, after_return: 2}}";
  CHECK(check_refcount_predictions(fixture_run("p1_report.jsonl", pinned)).fraction == 1.0);
  const std::string other = "{answers: p1_answers_right.yaml, expected: {initial: 2, after_ref1: 3, after_ref2: 3}}";
  const auto v = check_refcount_predictions(fixture_run("p1_report.jsonl", other));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("measured 4 at step after_ref2, which is not what CPython 3.11 gives"));
  CHECK_THAT(v.message, !Contains("gives 3"));  // the pinned value is a hidden check's: never shown
}

TEST_CASE("P1: in Korean, each wrong blank is explained in Korean, and the English run is unchanged", "[problems][p1][ko]") {
  const auto run = fixture_run("p1_report.jsonl", "{answers: p1_answers_partly.yaml}");
  const auto ko = check_refcount_predictions(in_korean(run));
  CHECK(ko.fraction == Approx(2.0 / 5));
  CHECK_THAT(ko.message, Contains("initial: 1(이)라고 답했지만 실제로는 2입니다: data (지역 변수) + getrefcount 자신의 인자"));
  CHECK_THAT(ko.message,
             Contains("after_ref2: 3(이)라고 답했지만 실제로는 4입니다: data, ref1, ref2 (지역 변수) + getrefcount 자신의 인자"));
  CHECK_THAT(ko.message, Contains("after_return: 아직 답하지 않았습니다"));
  CHECK_THAT(ko.message, !Contains("you said") && !Contains("not answered"));
  const auto en = check_refcount_predictions(run);
  CHECK(en.fraction == Approx(2.0 / 5));
  CHECK_THAT(en.message, Contains("initial: you said 1, it is 2: data (local) + getrefcount's own argument"));
}

TEST_CASE("P1: in Korean, a word, an unknown key and a missing file are explained in Korean", "[problems][p1][ko]") {
  const auto words = check_refcount_predictions(in_korean(fixture_run("p1_report.jsonl", "{answers: p1_answers_words.yaml}")));
  CHECK(words.fraction == Approx(4.0 / 5));
  CHECK_THAT(words.message, Contains("initial: `two`은(는) 정수가 아닙니다"));
  CHECK_THAT(words.message, Contains("`after_ref3`은(는) 빈칸 이름이 아닙니다"));
  const auto missing = check_refcount_predictions(in_korean(fixture_run("p1_report.jsonl", "{answers: no_such_answers.yaml}")));
  CHECK(missing.fraction == 0.0);
  CHECK_THAT(missing.message, Contains("연습 폴더에 no_such_answers.yaml이(가) 없습니다"));
  const std::string other = "{answers: p1_answers_right.yaml, expected: {initial: 2, after_ref1: 3, after_ref2: 3}}";
  const auto pinned = check_refcount_predictions(in_korean(fixture_run("p1_report.jsonl", other)));
  CHECK(pinned.fraction == 0.0);
  CHECK_THAT(pinned.message, Contains("프로그램이 after_ref2 단계에서 잰 값(4)은 노트북의 track_refcount()에서 CPython 3.11이 주는 값과 다릅니다"));
  CHECK_THAT(pinned.message, !Contains("3입니다"));
}
