// `gclab grade` and `gclab export` end to end: a class of two, two exercises (one a problem with
// an answers file), every format, the exit codes.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;
using nlohmann::json;

namespace {

constexpr const char* kP1 = "P1-predict-refcounts";

RunResult run_gclab(const TempDir& t, std::vector<std::string> args) {
  std::vector<std::string> argv = {kGclab.string(), "--no-color", "--lang", "en", "--root", kSourceDir.string(), "--build-dir", kBuildDir.string()};
  argv.insert(argv.end(), args.begin(), args.end());
  if (args.at(0) == "grade")
    argv.insert(argv.end(), {"--gradebook", (t.path() / "book.sqlite").string(), "--cache", kSharedCache.string()});
  return run(argv, t.path());
}

}  // namespace

TEST_CASE("gclab grade and export: a class in every format, exit codes as documented", "[batch][cli]") {
  TempDir t;
  const fs::path subs = t.path() / "class";
  submit_021(subs, "alice", solution_of(k021));
  write_text(subs / "alice" / "exercises" / kP1 / "exercise.cpp", solution_of(kP1));
  write_text(subs / "alice" / "exercises" / kP1 / "answers.yaml", read_text(kSourceDir / "solutions" / kP1 / "answers.yaml"));
  submit_021(subs, "bob", attempt_of(k021));  // and no P1 at all: missing, and flagged so
  submit_021(subs, "carol", stub_of(k021));    // the stub as handed out: not attempted
  const std::vector<std::string> grade = {"grade", subs.string(), "--exercise", "02.1", "--exercise", "p1", "--jobs", "2"};

  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = grade;
    args.insert(args.end(), extra.begin(), extra.end());
    return run_gclab(t, args);
  };

  const RunResult terminal = with({});
  INFO(terminal.out << terminal.err);
  CHECK(terminal.exit_code == 1);  // bob fails some checks
  CHECK_THAT(terminal.out, Catch::Contains("== alice") && Catch::Contains("== bob") && Catch::Contains("cell 1"));
  CHECK_THAT(terminal.out, Catch::Contains("missing: P1-predict-refcounts\n") &&
                               Catch::Contains("missing: P1-predict-refcounts; not attempted (the stub as handed out): 02.1-getrefcount\n"));

  const RunResult as_json = with({"--format", "json", "--output", (t.path() / "r.json").string()});
  CHECK(as_json.exit_code == 1);
  const json doc = json::parse(read_text(t.path() / "r.json"));
  REQUIRE(doc["submissions"].size() == 3);
  const json& alice = doc["submissions"][0];
  CHECK(alice["id"] == "alice");
  CHECK(alice["earned"] == alice["possible"]);
  CHECK(alice["missing"].empty());
  const json& bob = doc["submissions"][1];
  CHECK(bob["earned"] < bob["possible"]);
  CHECK(bob["missing"] == json::array({kP1}));
  CHECK(bob["exercises"][1]["attempt"] == "missing");
  const json& carol = doc["submissions"][2];
  CHECK(carol["earned"] == 0);
  CHECK(carol["not_attempted"] == json::array({k021}));
  CHECK(carol["exercises"][0]["checks"][0]["outcome"] == "not_attempted");

  CHECK(with({"--format", "junit", "--output", (t.path() / "r.xml").string()}).exit_code == 1);
  // Count of test cases: 02.1 has 3 checks and P1 the visible and hidden ones; the checker is
  // given the numbers the JSON report found, so both formats must agree.
  int cases = 0, failures = 0, skipped = 0;
  for (const json& s : doc["submissions"])
    for (const json& e : s["exercises"])
      for (const json& c : e["checks"]) {
        ++cases;
        if (c["outcome"] == "skipped") ++skipped;
        else if (c["outcome"] != "passed") ++failures;
      }
  const RunResult xml = run({kPython.string(), kJunitChecker.string(), (t.path() / "r.xml").string(), std::to_string(cases),
                             std::to_string(failures), std::to_string(skipped), "0"});
  INFO(xml.out);
  CHECK(xml.succeeded());

  // Gradescope: one submission, exit 0 even though it fails checks.
  const RunResult gs = run_gclab(t, {"grade", (subs / "bob").string(), "--exercise", "02.1", "--format", "gradescope", "--output",
                                 (t.path() / "results.json").string()});
  CHECK(gs.exit_code == 0);
  CHECK(json::parse(read_text(t.path() / "results.json"))["score"] == 1.0);

  const RunResult csv = run_gclab(t, {"export", "--csv", "--gradebook", (t.path() / "book.sqlite").string()});
  INFO(csv.out << csv.err);
  REQUIRE(csv.succeeded());
  CHECK_THAT(csv.out, Catch::StartsWith("student,02.1-getrefcount/builds,02.1-getrefcount/output,02.1-getrefcount/matches_cpython,P1-predict-refcounts/builds"));
  CHECK_THAT(csv.out, Catch::Contains("\nalice,1,4,1,") && Catch::Contains("\nbob,1,0,0,") && Catch::Contains("\ncarol,0,0,0,"));
}

TEST_CASE("gclab grade: usage errors, and a grader failure still writes its report", "[batch][cli]") {
  TempDir t;
  CHECK(run_gclab(t, {"grade", (t.path() / "nowhere").string(), "--exercise", "02.1"}).exit_code == 2);
  CHECK(run_gclab(t, {"grade", t.path().string(), "--shard", "5/4"}).exit_code == 2);
  // Gradescope mode: whatever went wrong, results.json exists, says it, and the status is 0.
  const RunResult gs = run_gclab(t, {"grade", (t.path() / "nowhere").string(), "--format", "gradescope", "--output",
                                 (t.path() / "results.json").string()});
  CHECK(gs.exit_code == 0);
  CHECK_THAT(json::parse(read_text(t.path() / "results.json"))["output"].get<std::string>(), Catch::Contains("nowhere"));
  // A build directory that is not one: the grader cannot run -- the report says so, exit 4/5.
  const RunResult broken = run({kGclab.string(), "--no-color", "--root", kSourceDir.string(), "--build-dir", t.path().string(), "grade",
                                t.path().string(), "--format", "json", "--output", (t.path() / "r.json").string()},
                               t.path());
  CHECK(broken.exit_code != 0);
  CHECK(broken.exit_code != 1);
  CHECK_FALSE(json::parse(read_text(t.path() / "r.json"))["error"].is_null());
}

TEST_CASE("gclab gradescope-package: setup.sh and run_autograder, executable and valid shell, and the course", "[batch][cli]") {
  TempDir t;
  const fs::path out = t.path() / "bundle";
  const RunResult made = run({kGclab.string(), "--no-color", "--root", kSourceDir.string(), "--build-dir", kBuildDir.string(),
                              "gradescope-package", out.string()});
  INFO(made.out << made.err);
  REQUIRE(made.succeeded());
  for (const char* script : {"setup.sh", "run_autograder"}) {
    CHECK((fs::status(out / script).permissions() & fs::perms::owner_exec) != fs::perms::none);
    CHECK(run({"/bin/bash", "-n", (out / script).string()}).succeeded());
  }
  CHECK_THAT(read_text(out / "run_autograder"), Catch::Contains("/autograder/submission") && Catch::Contains("--format gradescope") &&
                                                    Catch::Contains("/autograder/results/results.json"));
  CHECK(fs::exists(out / "course" / "grader" / "hidden" / (std::string(k021) + ".yaml")));
  CHECK_FALSE(fs::exists(out / "course" / "build"));
  // A folder that is not empty is refused: a bundle never mixes with old files.
  CHECK(run({kGclab.string(), "--root", kSourceDir.string(), "gradescope-package", out.string()}).exit_code == 2);
}
