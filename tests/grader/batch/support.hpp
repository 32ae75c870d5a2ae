// What the batch tests share: paths, a scratch folder, submissions made from the course's own
// stubs and solutions.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "batch/batch.hpp"
#include "batch/read_file.hpp"
#include "runner/sandbox.hpp"
#include "runner/temp_dir.hpp"

namespace gclab::grader::testing {

namespace fs = std::filesystem;

inline const fs::path kSourceDir = GCLAB_TEST_SOURCE_DIR;
inline const fs::path kBuildDir = GCLAB_TEST_BUILD_DIR;
inline const fs::path kGclab = GCLAB_TEST_GCLAB;
inline const fs::path kPython = GCLAB_TEST_PYTHON;
inline const fs::path kJunitChecker = GCLAB_TEST_JUNIT_CHECKER;
/// The compile cache is keyed by content, so the tests share one: a file compiled for one test
/// is not compiled again for the next.
inline const fs::path kSharedCache = kBuildDir / "tests" / "grader" / "batch" / "compile-cache";

inline constexpr const char* k021 = "02.1-getrefcount";

using gclab::grader::TempDir;

inline std::string read_text(const fs::path& p) { return batch::read_file(p); }

inline void write_text(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string solution_of(const std::string& ex) { return read_text(kSourceDir / "solutions" / ex / "solution.cpp"); }
inline std::string stub_of(const std::string& ex) { return read_text(kSourceDir / "exercises" / ex / "exercise.cpp"); }
/// A first try that does not work yet: the stub with a line of code added that changes nothing
/// it does (so it is attempted, unlike the stub, and still earns what the stub's program earns).
inline std::string attempt_of(const std::string& ex) { return stub_of(ex) + "\nstatic_assert(true, \"a first try\");\n"; }

/// `dir/<id>/exercises/02.1-getrefcount/exercise.cpp` holding `source`.
inline fs::path submit_021(const fs::path& dir, const std::string& id, const std::string& source) {
  write_text(dir / id / "exercises" / k021 / "exercise.cpp", source);
  return dir / id;
}

/// Grading 02.1 only, with this test's gradebook and the shared compile cache.
inline batch::BatchOptions options_021(const fs::path& submissions, const fs::path& gradebook) {
  batch::BatchOptions o;
  o.submissions = submissions.string();
  o.course_root = kSourceDir;
  o.build_dir = kBuildDir;
  o.gradebook = gradebook;
  o.cache_dir = kSharedCache;
  fs::create_directories(kSharedCache);
  o.exercises = {k021};
  o.jobs = 2;
  return o;
}

/// A submission's report by id (the batch orders them by id).
inline const report::SubmissionReport& by_id(const report::BatchReport& r, const std::string& id) {
  for (const auto& s : r.submissions)
    if (s.id == id) return s;
  throw std::runtime_error("no submission " + id);
}

/// Runs a command to completion (60 s at most), output captured.
inline RunResult run(const std::vector<std::string>& argv, const fs::path& cwd = {}) {
  RunRequest request;
  request.argv = argv;
  request.cwd = cwd;
  request.limits.memory_bytes = 0;
  request.limits.timeout = std::chrono::seconds(300);
  return run_sandboxed(request);
}

}  // namespace gclab::grader::testing
