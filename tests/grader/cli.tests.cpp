// The student CLI's own behaviour: progressive hints, name resolution, exit statuses.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "course/course.hpp"
#include "runner/temp_dir.hpp"
#include "text/display_width.hpp"
#include "text/lines.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

/// A small course of its own: exercises/02.1-getrefcount (this tree's rubric and stub), under git.
struct TempCourse : TempDir {
  std::filesystem::path stub = path() / "exercises" / "02.1-getrefcount" / "exercise.cpp";
  TempCourse() {
    std::filesystem::create_directories(path() / "grader");
    write(stub, read(kSourceDir / "exercises" / "02.1-getrefcount" / "exercise.cpp"));
    std::filesystem::copy_file(kSourceDir / "exercises" / "02.1-getrefcount" / "rubric.yaml",
                               path() / "exercises" / "02.1-getrefcount" / "rubric.yaml");
  }
  void commit() const {
    RunRequest git;
    git.argv = {"/bin/sh", "-c",
                "git init -q && git add -A && git -c user.name=t -c user.email=t@t commit -q -m stub"};
    git.cwd = path();
    REQUIRE(run_sandboxed(git).succeeded());
  }
};

}  // namespace

TEST_CASE("gclab reset restores the stub from git's HEAD, and only after a yes", "[cli]") {
  TempCourse course;
  course.commit();
  const std::string original = read(course.stub);
  write(course.stub, "// my work\n");
  RunRequest no;
  no.argv = {"/bin/sh", "-c", "echo n | " + kGclab.string() + " --lang en --root " + course.path().string() + " reset 02.1"};
  no.limits.memory_bytes = 0;  // gclab itself runs here, and under ASan needs its shadow memory
  CHECK_THAT(run_sandboxed(no).out, Catch::EndsWith("Cancelled.\n"));
  CHECK(read(course.stub) == "// my work\n");
  const RunResult yes = run_gclab({"--lang", "en", "--root", course.path().string(), "reset", "02.1", "--yes"});
  CHECK(yes.exit_code == 0);
  CHECK(yes.out == "02.1-getrefcount is back to its stub.\n");
  CHECK(read(course.stub) == original);
}

TEST_CASE("gclab predict p1 grades each blank on the spot, explains a wrong one, records first attempts, stops at end of input", "[cli][build]") {
  // Problem 1's own files in a course of its own; the program is this build's (--build-dir).
  TempDir root;
  const std::filesystem::path p1 = root.path() / "exercises" / "P1-predict-refcounts";
  std::filesystem::create_directories(root.path() / "grader");
  for (const char* file : {"rubric.yaml", "answers.yaml", "exercise.cpp"})
    write(p1 / file, read(kSourceDir / "exercises" / "P1-predict-refcounts" / file));
  // CPython 3.11 gives 2, 3, 4, 3 inside track_refcount() and 2 after it returns. The answers:
  // right, right, wrong (5) then right (4) at after_ref2, and the input ends at after_del_ref1.
  RunRequest predict;
  predict.argv = {"/bin/sh", "-c",
                  "printf '2\\n3\\n5\\n4\\n' | " + kGclab.string() + " --no-color --lang en --root " + root.path().string() +
                      " --build-dir " + kBuildDir.string() + " predict p1"};
  predict.env = {{"GCLAB_PROGRESS_FILE", (root.path() / "progress.json").string()}};
  predict.limits.memory_bytes = 0;  // the sanitizers' shadow memory
  predict.limits.timeout = std::chrono::seconds(120);
  const RunResult r = run_sandboxed(predict);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("initial =     right") && Catch::Contains("after_ref1 =     right"));
  CHECK_THAT(r.out, Catch::Contains("at after_ref2, sys::getrefcount(data) is 4. The references are held by:"));
  CHECK_THAT(r.out, Catch::Contains("- ref1 (local)") && Catch::Contains("- ref2 (local)") &&
                        Catch::Contains("- getrefcount's own argument"));
  CHECK_THAT(r.out, Catch::Contains("try again:\n  after_ref2 =     right"));
  CHECK_THAT(r.out, Catch::EndsWith("after_del_ref1 = \nStopped here. Run gclab predict p1 again to go on.\n"));
  // The first attempt is what counts, and what was not answered stays blank.
  const std::string answers = read(p1 / "answers.yaml");
  CHECK_THAT(answers, Catch::Contains("\ninitial: 2") && Catch::Contains("\nafter_ref1: 3") &&
                          Catch::Contains("\nafter_ref2: 5") && Catch::Contains("\nafter_del_ref1:\n"));
}

TEST_CASE("gclab watch re-checks the exercise whose file was saved", "[cli][build]") {
  TempCourse course;
  std::thread saver([&course] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // gclab is watching by then
    write(course.stub, read(course.stub));
  });
  // --root: the saved file is the temporary course's; the programs built are this build's.
  const RunResult r = run_gclab({"--lang", "en", "--root", course.path().string(), "--build-dir", kBuildDir.string(), "watch", "--once"},
                                {}, course.path() / "progress.json");
  saver.join();
  CHECK(std::filesystem::exists(course.path() / "progress.json"));  // the result was recorded, there
  CHECK(r.end == RunResult::End::exited);
  CHECK_THAT(r.out, Catch::Contains("(02.1-getrefcount)"));
  CHECK_THAT(r.out, Catch::Contains("  ✓ builds") && Catch::Contains(" output ") && Catch::Contains("score: "));
  CHECK((r.exit_code == 0 || r.exit_code == 1));  // graded (whatever the exercise's state), not an error
}

TEST_CASE("gclab list lines its columns up, in Korean too", "[cli]") {
  for (const char* lang : {"en", "ko"}) {
    TempDir build;
    const RunResult r = run_gclab({"--lang", lang, "--root", kSourceDir.string(), "--build-dir", build.path().string(), "list"});
    REQUIRE(r.exit_code == 0);
    const std::vector<std::string> lines = split_lines(r.out);
    REQUIRE(lines.size() == 18);  // the notebook's 14 sections and 4 problems
    // Each state ("not started" / "시작 전": nothing is checked in a fresh build) starts in the
    // same terminal column on every line.
    const std::string state = std::string(lang) == "ko" ? "시작 전" : "not started";
    std::set<std::size_t> columns;
    for (const std::string& line : lines) {
      REQUIRE_THAT(line, Catch::EndsWith(state));
      columns.insert(display_width(line.substr(0, line.size() - state.size())));
    }
    CHECK(columns.size() == 1);
  }
}

TEST_CASE("gclab hint shows one more hint each time, then says it was the last", "[cli]") {
  TempDir build;
  auto hint = [&] {
    return run_gclab({"--lang", "en", "--root", kSourceDir.string(), "--build-dir", build.path().string(), "hint", "04.2"});
  };
  const RunResult first = hint();
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::StartsWith("hint 1/3: Start by making get_gen_counts() return gc::get_count()"));
  CHECK(first.out.find("hint 2/3") == std::string::npos);
  const RunResult second = hint();
  CHECK_THAT(second.out, Catch::Contains("hint 1/3:") && Catch::Contains("hint 2/3: Cell 7's two"));
  CHECK(second.out.find("hint 3/3") == std::string::npos);
  hint();
  const RunResult after_last = hint();
  CHECK_THAT(after_last.out, Catch::Contains("hint 3/3:") && Catch::EndsWith("(that was the last hint)\n"));
}

TEST_CASE("hints are in Korean with --lang ko", "[cli]") {
  TempDir build;
  const RunResult r = run_gclab({"--lang", "ko", "--root", kSourceDir.string(), "--build-dir", build.path().string(), "hint", "02.1"});
  CHECK_THAT(r.out, Catch::StartsWith("힌트 1/3: 실행하기 전에"));
}

TEST_CASE("an exercise is named by a unique prefix, and an unknown one is a usage error with a suggestion", "[cli]") {
  const Course course(kSourceDir, kBuildDir);
  CHECK(course.resolve("02.1") == "02.1-getrefcount");
  CHECK(course.resolve("04.2-generations") == "04.2-generations");
  CHECK(course.resolve("p1") == "P1-predict-refcounts");
  // A section number as the notebook writes it names that section, not the ones after it.
  CHECK(course.resolve("2.1") == "02.1-getrefcount");
  CHECK(course.resolve("4") == "04-gc-basics");
  CHECK(course.resolve("04") == "04-gc-basics");
  CHECK(course.resolve("4.3") == "04.3-garbage-and-saveall");
  CHECK_FALSE(course.resolve("02.").has_value());  // 02.1-..., 02.2-..., 02.3-...
  CHECK_FALSE(course.resolve("9").has_value());
  TempDir build;
  const RunResult ambiguous = run_gclab({"--lang", "en", "--root", kSourceDir.string(), "--build-dir", build.path().string(), "hint", "06."});
  CHECK(ambiguous.exit_code == 2);
  CHECK_THAT(ambiguous.err, Catch::Contains(": one of 06.1-ref-and-proxy, 06.2-weak-dictionaries"));
  const RunResult r = run_gclab({"--lang", "en", "--root", kSourceDir.string(), "--build-dir", build.path().string(), "hint", "02.1-getrefcont"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "gclab: no single exercise matches '02.1-getrefcont'; did you mean '02.1-getrefcount'?\nsee `gclab list`\n");
}

TEST_CASE("target names follow CMake's: '.' becomes '_'", "[cli]") {
  CHECK(target_name(Against::exercise, "04.2-generations") == "exercise-04_2-generations");
  CHECK(target_name(Against::solution, "02.1-getrefcount") == "solution-02_1-getrefcount");
}

TEST_CASE("checking without a configured build directory is an environment error (exit status 4)", "[cli]") {
  TempDir build;
  const RunResult r = run_gclab({"--lang", "en", "--root", kSourceDir.string(), "--build-dir", build.path().string(), "check", "02.1"});
  CHECK(r.exit_code == 4);
  CHECK_THAT(r.err, Catch::StartsWith("gclab: no build directory at "));
}

TEST_CASE("a bad command line is a usage error (exit status 2)", "[cli]") {
  CHECK(run_gclab({"--lang", "fr", "list"}).exit_code == 2);
  CHECK(run_gclab({"no-such-command"}).exit_code == 2);
}
