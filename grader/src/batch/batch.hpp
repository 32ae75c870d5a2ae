// Grading a class: find and stage the submissions, then grade every (submission, exercise) on N
// worker threads -- each exercise built by a SubmissionBuilder against the template build, each
// check graded only if the gradebook has no result for its (files, definition) -- and collect one
// report. The gradebook's single writer records each exercise as soon as it is graded.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "batch/shard.hpp"
#include "report/report.hpp"
#include "text/lang.hpp"

namespace gclab::grader::batch {

struct BatchOptions {
  std::string submissions;                 ///< what `gclab grade` was given (see find_submissions)
  std::filesystem::path course_root;       ///< the trusted course: rubrics, stubs, solutions
  std::filesystem::path build_dir;         ///< the course's Ninja build: the template
  std::filesystem::path gradebook;         ///< the SQLite file
  std::filesystem::path cache_dir;         ///< compiled objects and programs, by content
  std::vector<std::string> exercises;      ///< the exercises to grade, in order (all: the course's)
  int jobs = 1;
  std::optional<Shard> shard;
  std::set<std::string> regrade;           ///< submission ids graded again whatever the gradebook says
  Lang lang = Lang::en;
};

/// Progress, as each exercise of each submission is done.
struct BatchProgress {
  std::size_t done = 0;
  std::size_t total = 0;
  std::string submission;
  std::string exercise;
};

struct BatchStats {
  int checks_run = 0;      ///< checks graded in this run
  int checks_reused = 0;   ///< checks whose result came from the gradebook
  int compiled = 0;        ///< compile commands run
  int linked = 0;          ///< link commands run
  int cache_hits = 0;      ///< objects or programs found in the compile cache
  std::map<std::string, double> exercise_seconds;  ///< summed over submissions
  std::map<std::string, int> exercise_graded;      ///< exercises actually graded (not all from the gradebook)
};

/// Grades as `options` say. Throws RubricError for a bad rubric and std::invalid_argument for
/// submissions that cannot be found; anything else that fails is in the report (an unreadable
/// submission, a grader error on one exercise) and the rest is graded.
report::BatchReport grade_batch(const BatchOptions& options, BatchStats& stats,
                                const std::function<void(const BatchProgress&)>& on_progress = {});

}  // namespace gclab::grader::batch
