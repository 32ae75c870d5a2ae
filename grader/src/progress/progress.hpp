// What a student has done, kept in <build dir>/gclab-progress.json: each exercise's last visible
// check (for `gclab list` and `gclab progress`) and how many hints were shown (for `gclab hint`).
// The build directory is the student's own and is never committed, so the file lives there
// (GCLAB_PROGRESS_FILE, if set, names another file).
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace gclab::grader {

enum class Status { not_started, failing, done };

struct ExerciseProgress {
  Status status = Status::not_started;
  double earned = 0;
  int possible = 0;
  std::string checked_at;  ///< UTC, ISO 8601
  int hints_shown = 0;
};

class Progress {
 public:
  /// Reads the file in `build_dir` (missing or unreadable: nothing done yet).
  static Progress load(const std::filesystem::path& build_dir);
  /// Writes it back (atomically: a temporary file renamed over the old one).
  void save() const;

  ExerciseProgress get(const std::string& exercise) const;
  void record_check(const std::string& exercise, double earned, int possible, bool all_passed);
  /// Counts one more hint shown; returns how many have been shown now.
  int next_hint(const std::string& exercise);

  /// <build_dir>/gclab-progress.json, or the file GCLAB_PROGRESS_FILE names (so that tests
  /// which grade in a real build directory leave its student's progress alone).
  static std::filesystem::path file_in(const std::filesystem::path& build_dir);

 private:
  std::filesystem::path file_;
  std::map<std::string, ExerciseProgress> exercises_;
};

}  // namespace gclab::grader
