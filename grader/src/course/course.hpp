// The course on disk: where the exercises, solutions, rubrics and the build directory are, and
// the names CMake gives their targets and programs.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "checks/outcome.hpp"
#include "rubric/rubric.hpp"

namespace gclab::grader {

/// Whose program a rubric is run against: the student's exercise (normally) or the reference
/// solution (`--against solution`, and `gclab selftest`).
enum class Against { exercise, solution };

/// One program to grade: where its folder is, how to build it, where the binary lands.
struct Subject {
  std::string exercise;
  std::filesystem::path dir;      ///< exercises/<ex> or solutions/<ex> (answers files live here)
  std::string target;             ///< CMake target, e.g. exercise-02_1-getrefcount
  std::filesystem::path program;  ///< e.g. build/dev/exercises/bin/02.1-getrefcount
};

class Course {
 public:
  /// `root`: the given one, else the nearest folder upwards from the current directory that has
  /// CMakeLists.txt, exercises/ and grader/CMakeLists.txt, else the source tree gclab was built
  /// from. `build_dir`: the given one (relative to the current directory), else <root>/build/dev.
  static Course locate(const std::optional<std::filesystem::path>& root,
                       const std::optional<std::filesystem::path>& build_dir);
  Course(std::filesystem::path root, std::filesystem::path build_dir)
      : root_(std::move(root)), build_dir_(std::move(build_dir)) {}

  const std::filesystem::path& root() const { return root_; }
  const std::filesystem::path& build_dir() const { return build_dir_; }
  /// The build directory has been configured (has CMakeCache.txt).
  bool configured() const;
  /// Built with sanitizers: their shadow memory needs terabytes of address space, so memory
  /// limits cannot apply there.
  bool sanitized() const;

  /// The full course (the instructors' repository, with the reference solutions), not the
  /// student course `gclab release` writes from it.
  bool full() const;

  /// Exercise folders in notebook order (their names sort that way: 02.1-..., 07-..., P1-...).
  std::vector<std::string> exercises() const;
  /// Resolves what a student typed: an exact name, else a unique case-insensitive prefix
  /// ("02.1", "p1"). nullopt if none or several match.
  std::optional<std::string> resolve(const std::string& typed) const;

  std::filesystem::path exercise_dir(const std::string& ex) const { return root_ / "exercises" / ex; }
  std::filesystem::path exercise_source(const std::string& ex) const { return exercise_dir(ex) / "exercise.cpp"; }
  std::filesystem::path visible_rubric(const std::string& ex) const { return exercise_dir(ex) / "rubric.yaml"; }
  std::filesystem::path hidden_rubric(const std::string& ex) const { return root_ / "grader" / "hidden" / (ex + ".yaml"); }
  Subject subject(const std::string& ex, Against against) const;

  /// `file` of the exercise's stub as the course hands it out, from git: at HEAD in the full course;
  /// in a student course at its first commit (the one `gclab release` made: the student commits
  /// work on top of it). nullopt where git cannot say (no repository, a file it does not have).
  std::optional<std::string> stub_text(const std::string& ex, const std::string& file) const;
  /// Whether the student's exercise folder says more than the stub (comments and whitespace
  /// aside); `attempted` where the stub cannot be read.
  Attempt attempt(const std::string& ex) const;

  /// The visible rubric, and with `hidden` also grader/hidden/<ex>.yaml's checks after it (if it
  /// exists). Throws RubricError.
  Rubric rubric(const std::string& ex, bool hidden) const;

 private:
  std::filesystem::path root_;
  std::filesystem::path build_dir_;
};

/// The files of an exercise a student edits: the course stub's .cpp/.hpp/.h/.yaml, rubric.yaml excepted.
std::vector<std::string> editable_files(const std::filesystem::path& course_exercise_dir);

/// CMake's target name for a section: `exercise-` / `solution-` and the folder with '.' as '_'.
std::string target_name(Against against, const std::string& ex);

}  // namespace gclab::grader
