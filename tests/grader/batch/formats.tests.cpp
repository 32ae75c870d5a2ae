// The output formats, each read back by a real parser: nlohmann-json for JSON and Gradescope's
// results.json, python3's xml.etree for JUnit (check_junit.py).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/formats.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;
using nlohmann::json;

namespace {

CheckResult check(std::string id, Outcome outcome, int points, double earned, Visibility visibility, std::string explanation = {}) {
  CheckResult r;
  r.id = std::move(id);
  r.outcome = outcome;
  r.points = points;
  r.earned = earned;
  r.visibility = visibility;
  r.explanation = std::move(explanation);
  return r;
}

/// One student with five checks -- passed, failed (with text no format may pass through raw:
/// markup, a control character, a byte that is not UTF-8), skipped, hidden, after the due date --
/// and one whose submission could not be read.
report::BatchReport sample() {
  report::BatchReport r;
  r.seconds = 2.6;
  report::SubmissionReport s{"alice", "class/alice", "abc", {}, {}};
  GradeReport g{"02.1-getrefcount", {}};
  g.results.push_back(check("builds", Outcome::passed, 1, 1, Visibility::visible));
  g.results.push_back(check("output", Outcome::failed, 4, 0, Visibility::visible, "line 1 differs: <got> & \"expected\"\x01 \xff end"));
  g.results.back().feedback = {"다시", "look at cell 1"};
  g.results.push_back(check("more", Outcome::skipped, 2, 0, Visibility::visible, "skipped: output failed"));
  g.results.push_back(check("secret", Outcome::passed, 1, 1, Visibility::hidden));
  g.results.push_back(check("late", Outcome::timeout, 1, 0, Visibility::after_due_date, "did not finish"));
  s.exercises.push_back({"2.1 Using sys.getrefcount()", g, 1.5, {}});
  r.submissions.push_back(s);
  r.submissions.push_back({"bob", "class/bob.zip", "", {}, "cannot open class/bob.zip: Not a zip archive"});
  return r;
}

}  // namespace

TEST_CASE("json: gclab's schema, version 1, parses and carries every result", "[batch][format]") {
  const json doc = json::parse(report::to_json(sample(), Lang::en));  // throws on invalid JSON or UTF-8
  CHECK(doc["schema"] == "gclab-grade-report");
  CHECK(doc["schema_version"] == 1);
  REQUIRE(doc["submissions"].size() == 2);
  const json& alice = doc["submissions"][0];
  CHECK(alice["earned"] == 2.0);
  CHECK(alice["possible"] == 9);
  CHECK(alice["all_passed"] == false);
  const json& checks = alice["exercises"][0]["checks"];
  REQUIRE(checks.size() == 5);
  CHECK(checks[1]["outcome"] == "failed");
  CHECK(checks[1]["feedback"] == "look at cell 1");
  // The control character is gone and the stray byte is U+FFFD; the markup is text.
  CHECK(checks[1]["explanation"] == "line 1 differs: <got> & \"expected\" \xEF\xBF\xBD end");
  CHECK(checks[4]["visibility"] == "after_due_date");
  CHECK(doc["submissions"][1]["error"].get<std::string>().find("Not a zip") != std::string::npos);
}

TEST_CASE("gradescope: results.json has the specification's fields and types, visibility honoured", "[batch][format]") {
  const json doc = json::parse(report::to_gradescope(sample(), Lang::en));
  CHECK(doc["score"].is_number());
  CHECK(doc["score"] == 2.0);
  CHECK(doc["max_score"] == 9);
  CHECK(doc["execution_time"].is_number_integer());
  CHECK(doc["execution_time"] == 3);
  CHECK(doc["output"].is_string());
  const json& tests = doc["tests"];
  REQUIRE(tests.size() == 5);
  for (const json& test : tests) {
    CHECK(test["name"].is_string());
    CHECK(test["number"].is_string());
    CHECK(test["score"].is_number());
    CHECK(test["max_score"].is_number());
    CHECK((test["status"] == "passed" || test["status"] == "failed"));
    CHECK(test["output"].is_string());
    CHECK(test["tags"].is_array());
    for (const json& tag : test["tags"]) CHECK(tag.is_string());
  }
  CHECK(tests[0]["number"] == "1.1");
  CHECK(tests[0]["status"] == "passed");
  CHECK(tests[1]["status"] == "failed");
  CHECK(tests[1]["output"].get<std::string>().find("look at cell 1") != std::string::npos);
  CHECK(tests[2]["status"] == "failed");  // skipped earns nothing: Gradescope has no third status
  CHECK(tests[0]["visibility"] == "visible");
  CHECK(tests[3]["visibility"] == "hidden");
  CHECK(tests[4]["visibility"] == "after_due_date");
}

TEST_CASE("gradescope: a grader that failed before grading still writes a results.json saying why", "[batch][format]") {
  report::BatchReport r;
  r.error = "no build directory at /nowhere";
  const json doc = json::parse(report::to_gradescope(r, Lang::en));
  CHECK(doc["score"] == 0);
  CHECK(doc["tests"].empty());
  CHECK(doc["output"].get<std::string>().find("no build directory at /nowhere") != std::string::npos);
}

TEST_CASE("junit: a real XML parser reads it, failures explained in the body, points as properties", "[batch][format]") {
  TempDir t;
  write_text(t.path() / "report.xml", report::to_junit(sample(), Lang::en));
  // 5 test cases of alice's + bob's error case; output and late fail, more is skipped.
  const RunResult r = run({kPython.string(), kJunitChecker.string(), (t.path() / "report.xml").string(), "6", "2", "1", "1"});
  INFO(r.out << r.err);
  CHECK(r.succeeded());
  // And the checker itself catches what it must: a report without the failure count it expects.
  CHECK_FALSE(run({kPython.string(), kJunitChecker.string(), (t.path() / "report.xml").string(), "6", "3", "1", "1"}).succeeded());
}
