#include <catch2/catch.hpp>

#include "fixture_run.hpp"

using gclab::grader::check_cycle_freed_by_weakref;
using Catch::Matchers::Contains;

// The fixtures are what the probe reports for a family of three children. CPython 3.11, with
// child.parent = weakref.ref(self) and the collector disabled, prints child3, child2, child1 at
// `del parent` and then collects 0; with the original classes it prints nothing at `del parent`
// and gc.collect() returns 5 (the parent, its children list, the three children).

TEST_CASE("P2: a weak parent link frees the family by refcounting alone", "[problems][p2]") {
  const auto v = check_cycle_freed_by_weakref(fixture_run("p2_fixed.jsonl"));
  CHECK(v.fraction == 1.0);
  CHECK(v.message.empty());
}

TEST_CASE("P2: the original strong cycle earns nothing, and the message names the cycle", "[problems][p2]") {
  const auto v = check_cycle_freed_by_weakref(fixture_run("p2_cycle.jsonl"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("`del parent` freed nothing"));
  CHECK_THAT(v.message, Contains("Child → Parent"));
  CHECK_THAT(v.message, Contains("find 5 objects"));
}

TEST_CASE("P2: dropping the parent link altogether frees the family but loses child.parent()", "[problems][p2]") {
  const auto v = check_cycle_freed_by_weakref(fixture_run("p2_no_link.jsonl"));
  CHECK(v.fraction == Approx(0.8));
  CHECK_THAT(v.message, Contains("child1.parent() should return it"));
}

TEST_CASE("P2: a probe that did not finish gives no credit", "[problems][p2]") {
  const auto v = check_cycle_freed_by_weakref(fixture_run("p2_unfinished.jsonl"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("did not finish"));
}

TEST_CASE("P2: a missing report gives no credit", "[problems][p2]") {
  const auto v = check_cycle_freed_by_weakref(fixture_run("no_such_report.jsonl"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("the program wrote no report"));
}

TEST_CASE("P2: a garbled report gives no credit", "[problems][p2]") {
  const auto v = check_cycle_freed_by_weakref(fixture_run("p2_garbled.jsonl"));
  CHECK(v.fraction == 0.0);
  CHECK_THAT(v.message, Contains("line 4 of the report is not a JSON object"));
}

TEST_CASE("P2: in Korean, the strong cycle and the lost parent link are explained in Korean", "[problems][p2][ko]") {
  const auto cycle = check_cycle_freed_by_weakref(in_korean(fixture_run("p2_cycle.jsonl")));
  CHECK(cycle.fraction == 0.0);
  CHECK_THAT(cycle.message, Contains("GC를 끈 상태에서 `del parent`는 아무것도 해제하지 못했습니다"));
  CHECK_THAT(cycle.message, Contains("(Child → Parent)"));
  CHECK_THAT(cycle.message, Contains("gc.collect()가 객체 5개를 찾아야 했습니다"));
  CHECK_THAT(cycle.message, Contains("약한 참조(weakref::ref<Parent>)"));
  const auto no_link = check_cycle_freed_by_weakref(in_korean(fixture_run("p2_no_link.jsonl")));
  CHECK(no_link.fraction == Approx(0.8));
  CHECK_THAT(no_link.message, Contains("child1.parent()가 부모를 돌려주어야 하는데"));
  CHECK_THAT(no_link.message, !Contains("should return it"));
  // The English run, with its default language, reads as before.
  CHECK_THAT(check_cycle_freed_by_weakref(fixture_run("p2_cycle.jsonl")).message,
             Contains("With the collector disabled, `del parent` freed nothing"));
}
