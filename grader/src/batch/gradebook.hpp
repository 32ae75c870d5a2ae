// The gradebook: every check result of a batch in SQLite (WAL mode), so an interrupted batch
// resumes where it stopped and a rubric change regrades only the changed checks.
//
// A result is keyed by (exercise hash, check hash): the hash of the exercise's staged files and
// of the check's definition (check_key.hpp). Identical files graded by an identical check have
// one result, whoever handed them in. Which results make up a student's grade is a separate
// table (scores), rewritten each time the student is graded.
//
// Workers never touch the database: they read an index loaded at start-up and hand what they
// graded to record(), whose queue ONE writer thread drains, one transaction per exercise. What
// has been committed survives a kill -9 of the grader; what was still queued is graded again.
#pragma once

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "checks/outcome.hpp"

struct sqlite3;

namespace gclab::grader::batch {

/// One exercise of one submission, graded: what the writer stores.
struct ExerciseRecord {
  std::string submission;
  std::string origin;
  std::string content_hash;  ///< the submission's
  std::string exercise;
  std::string exercise_hash;
  std::vector<std::pair<std::string, CheckResult>> results;  ///< check hash, result (in rubric order)
};

/// One cell of `gclab export`: a student's result on one check.
struct ScoreRow {
  std::string submission;
  std::string exercise;
  std::string check;
  int position = 0;  ///< the check's place in its rubric
  double earned = 0;
  int points = 0;
};

class Gradebook {
 public:
  /// Opens (creating if needed) the database; throws std::runtime_error with SQLite's message.
  explicit Gradebook(const std::filesystem::path& file);
  /// Commits everything queued, then stops the writer.
  ~Gradebook();
  Gradebook(const Gradebook&) = delete;
  Gradebook& operator=(const Gradebook&) = delete;

  /// The stored result of this check on these files, if graded before (id, kind, points and
  /// feedback are the caller's to fill in from the rubric).
  std::optional<CheckResult> find(const std::string& exercise_hash, const std::string& check_hash) const;
  /// Queues a graded exercise for the writer; find() sees its results at once.
  void record(ExerciseRecord record);
  /// Waits until the writer has committed everything queued so far; rethrows its error if it failed.
  void flush();

  /// Every student's current result on every check, for export.
  static std::vector<ScoreRow> scores(const std::filesystem::path& file);

 private:
  void write_loop();
  void write(const ExerciseRecord& record);

  sqlite3* db_ = nullptr;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::pair<std::string, std::string>, CheckResult> index_;
  std::deque<ExerciseRecord> queue_;
  bool stopping_ = false;
  bool writing_ = false;
  std::string writer_error_;
  std::thread writer_;
};

}  // namespace gclab::grader::batch
