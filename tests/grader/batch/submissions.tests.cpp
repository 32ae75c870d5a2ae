// Where submissions come from: folders, zips, git commits, list files; what is taken from them.
#include <catch2/catch.hpp>

#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

TEST_CASE("folders: the solution earns every point, a try that changes nothing only `builds`, the stub nothing, and a submission's rubric.yaml is ignored", "[batch]") {
  TempDir t;
  const fs::path subs = t.path() / "class";
  submit_021(subs, "alice", solution_of(k021));
  // A rubric of her own that would give 1000 points for compiling: never read.
  write_text(subs / "alice" / "exercises" / k021 / "rubric.yaml",
             "version: 1\nexercise: 02.1-getrefcount\ntitle: x\nchecks:\n  - {id: free_points, kind: compiles, points: 1000}\n");
  submit_021(subs, "bob", attempt_of(k021));
  submit_021(subs, "carol", stub_of(k021));
  // The stub with comments and blank lines of her own, and a comment's words changed: still the stub.
  std::string dressed = "// Dave's work\n\n" + stub_of(k021);
  for (std::size_t at = dressed.find("\n"); at != std::string::npos; at = dressed.find("\n", at + 3)) dressed.replace(at, 1, "\n\n");
  dressed.replace(dressed.find("TODO"), 4, "DONE");
  submit_021(subs, "dave", dressed);
  fs::create_directories(subs / "erin" / "exercises");  // hands in nothing

  batch::BatchStats stats;
  const report::BatchReport r = batch::grade_batch(options_021(subs, t.path() / "book.sqlite"), stats);
  REQUIRE(r.submissions.size() == 5);
  REQUIRE_FALSE(r.faulted());
  const auto& alice = by_id(r, "alice");
  // 02.1's rubrics: builds 1 + output 4 (visible), matches_cpython 1 (grader/hidden/).
  CHECK(alice.possible() == 6);
  CHECK(alice.earned() == 6);
  for (const CheckResult& c : alice.exercises.at(0).grade.results) CHECK(c.id != "free_points");
  const auto& bob = by_id(r, "bob");
  CHECK(bob.possible() == 6);
  CHECK(bob.earned() == 1);
  CHECK(bob.exercises.at(0).grade.results.at(0).outcome == Outcome::passed);
  CHECK(bob.exercises.at(0).grade.results.at(2).outcome == Outcome::skipped);
  CHECK(bob.exercises.at(0).grade.attempt == Attempt::attempted);
  // Nothing for nothing: the stub, however dressed, and no file at all earn 0, `builds` included.
  for (const auto& [id, attempt] : {std::pair{"carol", Attempt::not_attempted}, std::pair{"dave", Attempt::not_attempted},
                                    std::pair{"erin", Attempt::missing}}) {
    INFO(id);
    const auto& s = by_id(r, id);
    CHECK(s.possible() == 6);
    CHECK(s.earned() == 0);
    CHECK(s.exercises.at(0).grade.attempt == attempt);
    for (const CheckResult& c : s.exercises.at(0).grade.results) CHECK(c.outcome == Outcome::not_attempted);
  }
  CHECK(report::attempt_note(by_id(r, "erin"), Lang::en) == "missing: 02.1-getrefcount");
  CHECK(report::attempt_note(by_id(r, "dave"), Lang::en) == "not attempted (the stub as handed out): 02.1-getrefcount");
  CHECK(report::attempt_note(bob, Lang::en).empty());
}

TEST_CASE("a zip, a git repository at a commit, and a list naming them", "[batch]") {
  TempDir t;
  // A zip as an LMS hands it in: everything under a top folder of its own.
  const fs::path zip = t.path() / "zipped.zip";
  const std::string script =
      "import sys, zipfile\n"
      "z = zipfile.ZipFile(sys.argv[1], 'w')\n"
      "z.write(sys.argv[2], 'alice-main/exercises/02.1-getrefcount/exercise.cpp')\n"
      "z.writestr('alice-main/exercises/02.1-getrefcount/rubric.yaml', 'version: 1\\n')\n"
      "z.close()\n";
  write_text(t.path() / "solution.cpp", solution_of(k021));
  REQUIRE(run({kPython.string(), "-c", script, zip.string(), (t.path() / "solution.cpp").string()}).succeeded());

  // A repository whose first commit has the solution and whose second puts the stub back.
  const fs::path repo = t.path() / "repo";
  const std::vector<std::string> git = {"/usr/bin/env", "git", "-C", repo.string(), "-c", "user.name=t", "-c", "user.email=t@t"};
  auto git_do = [&](std::vector<std::string> args) {
    std::vector<std::string> argv = git;
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = run(argv);
    INFO(r.out << r.err);
    REQUIRE(r.succeeded());
    return r.out.substr(0, r.out.find('\n'));
  };
  fs::create_directories(repo);
  git_do({"init", "--quiet"});
  submit_021(repo.parent_path(), repo.filename().string(), solution_of(k021));
  git_do({"add", "."});
  git_do({"commit", "--quiet", "-m", "solved"});
  const std::string first = git_do({"rev-parse", "HEAD"});
  submit_021(repo.parent_path(), repo.filename().string(), stub_of(k021));
  git_do({"commit", "--quiet", "-am", "reset"});

  write_text(t.path() / "class.txt", "# id source\nzipped zipped.zip\nsolved repo@" + first.substr(0, 8) + "\nreset repo@HEAD\n");
  batch::BatchStats stats;
  const report::BatchReport r = batch::grade_batch(options_021(t.path() / "class.txt", t.path() / "book.sqlite"), stats);
  REQUIRE(r.submissions.size() == 3);
  INFO(by_id(r, "solved").error);
  CHECK(by_id(r, "zipped").earned() == 6);
  CHECK(by_id(r, "solved").earned() == 6);
  // The short hash is resolved to the full commit, which the report names.
  CHECK(by_id(r, "solved").origin.ends_with("@" + first));
  CHECK(by_id(r, "reset").earned() == 0);  // the stub, handed in: not attempted
  CHECK(by_id(r, "reset").exercises.at(0).grade.attempt == Attempt::not_attempted);
}

TEST_CASE("a submission that cannot be read is reported, and the others are graded", "[batch]") {
  TempDir t;
  write_text(t.path() / "broken.zip", "this is not a zip");
  write_text(t.path() / "class.txt", "broken broken.zip\n");
  submit_021(t.path(), "fine", attempt_of(k021));
  write_text(t.path() / "class.txt", "broken broken.zip\nfine fine\n");
  batch::BatchStats stats;
  const report::BatchReport r = batch::grade_batch(options_021(t.path() / "class.txt", t.path() / "book.sqlite"), stats);
  CHECK_THAT(by_id(r, "broken").error, Catch::Contains("broken.zip"));
  CHECK(by_id(r, "fine").earned() == 1);
  CHECK(r.faulted());
}

TEST_CASE("submissions that cannot be found are a usage error", "[batch]") {
  TempDir t;
  batch::BatchStats stats;
  CHECK_THROWS_AS(batch::grade_batch(options_021(t.path() / "nowhere", t.path() / "book.sqlite"), stats), std::invalid_argument);
}
