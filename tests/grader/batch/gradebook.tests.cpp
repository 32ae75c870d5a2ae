// The gradebook: resuming after kill -9, regrading only what a rubric change touched, --regrade,
// and shards.
#include <catch2/catch.hpp>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <thread>

#include "batch/shard.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

/// How many exercises of how many submissions the gradebook has committed (0 while it does not exist yet).
int committed_exercises(const fs::path& book) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(book.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return 0;
  }
  sqlite3_stmt* s = nullptr;
  int n = 0;
  if (sqlite3_prepare_v2(db, "SELECT COUNT(DISTINCT submission || '/' || exercise) FROM scores", -1, &s, nullptr) == SQLITE_OK &&
      sqlite3_step(s) == SQLITE_ROW)
    n = sqlite3_column_int(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return n;
}

/// A copy of the course's 02.1 rubrics (and what they refer to), to edit.
fs::path rubric_copy(const fs::path& dir) {
  const fs::path root = dir / "course";
  fs::create_directories(root / "exercises");
  fs::copy(kSourceDir / "exercises" / k021, root / "exercises" / k021, fs::copy_options::recursive);
  fs::create_directories(root / "grader" / "hidden");
  fs::copy_file(kSourceDir / "grader" / "hidden" / (std::string(k021) + ".yaml"), root / "grader" / "hidden" / (std::string(k021) + ".yaml"));
  fs::create_directories(root / "tests" / "notebook" / "cpython");
  fs::copy_file(kSourceDir / "tests" / "notebook" / "cpython" / "cell01.out", root / "tests" / "notebook" / "cpython" / "cell01.out");
  fs::create_directories(root / "solutions");
  fs::copy(kSourceDir / "solutions" / k021, root / "solutions" / k021, fs::copy_options::recursive);
  return root;
}

}  // namespace

TEST_CASE("kill -9 in the middle of a batch, then the same command: nothing finished is graded again or lost", "[batch]") {
  TempDir t;
  const fs::path subs = t.path() / "class";
  constexpr int kStudents = 6;
  // Each student's file differs (a comment), so no two share a gradebook entry.
  for (int i = 0; i < kStudents; ++i) submit_021(subs, "s" + std::to_string(i), solution_of(k021) + "\n// student " + std::to_string(i) + "\n");
  const fs::path book = t.path() / "book.sqlite";

  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const std::string gclab = kGclab.string(), root = kSourceDir.string(), build = kBuildDir.string(), s = subs.string(),
                      b = book.string(), cache = kSharedCache.string();
    execl(gclab.c_str(), gclab.c_str(), "--root", root.c_str(), "--build-dir", build.c_str(), "grade", s.c_str(), "--jobs", "1",
          "--exercise", k021, "--gradebook", b.c_str(), "--cache", cache.c_str(), "--format", "json", "--output", "/dev/null",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Killed as soon as the first exercise is committed.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
  int status = 0;
  bool exited = false;
  while (committed_exercises(book) == 0 && std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid, &status, WNOHANG) == pid) {
      exited = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  REQUIRE_FALSE(exited);  // the batch must not have finished on its own
  const int done = committed_exercises(book);
  REQUIRE(done >= 1);
  REQUIRE(done < kStudents);

  batch::BatchStats stats;
  const report::BatchReport r = batch::grade_batch(options_021(subs, book), stats);
  // 3 checks per exercise (builds, output, matches_cpython): the committed ones come from the
  // gradebook, the rest are graded now.
  CHECK(stats.checks_reused == 3 * done);
  CHECK(stats.checks_run == 3 * (kStudents - done));
  for (const auto& s : r.submissions) CHECK(s.earned() == 6);
  CHECK(committed_exercises(book) == kStudents);

  batch::BatchStats again;
  const report::BatchReport r2 = batch::grade_batch(options_021(subs, book), again);
  CHECK(again.checks_run == 0);
  CHECK(again.checks_reused == 3 * kStudents);
  CHECK(again.compiled + again.linked == 0);
  for (const auto& s : r2.submissions) CHECK(s.earned() == 6);
}

TEST_CASE("a rubric change regrades only the checks whose definition changed, and --regrade grades one student again", "[batch]") {
  TempDir t;
  const fs::path subs = t.path() / "class";
  submit_021(subs, "alice", solution_of(k021));
  submit_021(subs, "bob", attempt_of(k021));
  const fs::path course = rubric_copy(t.path());
  batch::BatchOptions o = options_021(subs, t.path() / "book.sqlite");
  o.course_root = course;

  batch::BatchStats first;
  batch::grade_batch(o, first);
  CHECK(first.checks_run == 6);

  // The hidden check matches_cpython now weighs 3 points instead of 1; builds and output are untouched.
  const fs::path hidden = course / "grader" / "hidden" / (std::string(k021) + ".yaml");
  std::string text = read_text(hidden);
  const auto at = text.find("points: 1");
  REQUIRE(at != std::string::npos);
  text.replace(at, 9, "points: 3");
  write_text(hidden, text);

  batch::BatchStats second;
  const report::BatchReport r = batch::grade_batch(o, second);
  CHECK(second.checks_run == 2);     // matches_cpython, for each student
  CHECK(second.checks_reused == 4);  // builds and output, for each
  CHECK(by_id(r, "alice").earned() == 8);
  CHECK(by_id(r, "alice").possible() == 8);
  CHECK(by_id(r, "bob").earned() == 1);

  o.regrade = {"bob"};
  batch::BatchStats third;
  const report::BatchReport r3 = batch::grade_batch(o, third);
  CHECK(third.checks_run == 3);
  CHECK(third.checks_reused == 3);
  CHECK(by_id(r3, "bob").earned() == 1);
}

TEST_CASE("shards: every submission in exactly one of n, whatever n", "[batch]") {
  std::vector<std::string> ids;
  for (int i = 0; i < 200; ++i) ids.push_back("student" + std::to_string(i));
  for (int n : {1, 2, 3, 7}) {
    std::vector<int> counts(static_cast<std::size_t>(n), 0);
    for (const std::string& id : ids) {
      int shards = 0;
      for (int i = 1; i <= n; ++i)
        if (batch::in_shard(id, {i, n})) {
          ++shards;
          ++counts[static_cast<std::size_t>(i - 1)];
        }
      CHECK(shards == 1);
    }
    // A hash spreads 200 ids: no shard is empty, none holds more than twice its share.
    for (int c : counts) {
      CHECK(c > 0);
      CHECK(c < 2 * 200 / n + 1);
    }
  }
  CHECK(batch::parse_shard("2/4").index == 2);
  CHECK(batch::parse_shard("2/4").count == 4);
  for (const char* bad : {"0/3", "4/3", "1/0", "x", "1/", "/3", "1/3x"}) CHECK_THROWS_AS(batch::parse_shard(bad), std::invalid_argument);
}
