// What a grading run produced, as every output format sees it: submissions, their exercises, each
// exercise's check results -- and any error the grader itself hit, so that a report can always
// be written, even one that only says what went wrong.
#pragma once

#include <string>
#include <vector>

#include "checks/outcome.hpp"
#include "text/lang.hpp"

namespace gclab::grader::report {

struct ExerciseReport {
  std::string title;   ///< in the run's language
  GradeReport grade;   ///< exercise name and the results, in rubric order
  double seconds = 0;  ///< grading time (0 when every result came from the gradebook)
  std::string error;   ///< the grader's own failure on this exercise, if any
};

struct SubmissionReport {
  std::string id;
  std::string origin;
  std::string content_hash;
  std::vector<ExerciseReport> exercises;
  std::string error;  ///< the submission could not be read or staged
  double earned() const;
  int possible() const;
  bool all_passed() const;
};

struct BatchReport {
  std::vector<SubmissionReport> submissions;
  std::string error;       ///< the grader failed as a whole (its message)
  std::string isolation;   ///< how programs were isolated, said once (e.g. the sandbox's fallback)
  double seconds = 0;
  /// Whether the grader itself failed anywhere (the batch, a submission, an exercise).
  bool faulted() const;
};

/// Text made safe for any output: invalid UTF-8 bytes become U+FFFD and control characters other
/// than tab and newline are dropped (a program may print anything; XML 1.0 cannot carry NUL).
std::string clean_text(std::string_view text);

/// The exercises of `submission` whose attempt is `attempt` (missing, not attempted), in order.
std::vector<std::string> exercises_with(const SubmissionReport& submission, Attempt attempt);

/// One line naming the exercises a submission did not hand in and those it handed in as the stub
/// ("missing: 02.1-getrefcount; not attempted: P4-gc-thresholds"); empty when there are none.
std::string attempt_note(const SubmissionReport& submission, Lang lang);

/// What a check's reader needs below its outcome: the explanation, then the rubric's feedback.
std::string check_output(const CheckResult& result, Lang lang);

}  // namespace gclab::grader::report
