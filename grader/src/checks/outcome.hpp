// How a check ended. Each outcome is distinct because each asks the student for something
// different: fix the output, fix the build, find the infinite loop, stop allocating, debug a crash.
#pragma once

#include <string>
#include <vector>

#include "rubric/rubric.hpp"
#include "text/lang.hpp"

namespace gclab::grader {

enum class Outcome {
  passed,
  failed,        ///< ran, but the result is wrong (the first difference is explained)
  build_error,   ///< the program did not compile or link (the compiler's first error)
  timeout,       ///< killed after the check's wall-clock limit
  memory_limit,  ///< ran out of the check's address space
  crashed,       ///< killed by a signal (SIGSEGV, SIGABRT, ...)
  skipped,       ///< not run because a check it depends on did not pass
  not_attempted, ///< not run: the exercise was handed in as the stub, or not at all (Attempt)
};

/// Whether a student worked on an exercise at all: an exercise whose files all say what the stub's
/// say (comments and whitespace aside) earns nothing, not even `compiles`.
enum class Attempt {
  attempted,
  not_attempted,  ///< its files are the stub's
  missing,        ///< a graded hand-in has none of its files
};

std::string_view attempt_id(Attempt attempt);

/// Stable English identifier, for JSON and tests: "passed", "build_error", ...
std::string_view outcome_id(Outcome outcome);
/// What a student reads: "통과" / "passed", "빌드 오류" / "build error", ...
std::string outcome_label(Outcome outcome, Lang lang);

struct CheckResult {
  std::string id;
  CheckKind kind = CheckKind::compiles;
  Visibility visibility = Visibility::visible;
  int points = 0;
  double earned = 0;         ///< 0..points; partial for checks that count cases or blanks
  Outcome outcome = Outcome::failed;
  std::string explanation;   ///< why it did not pass (empty when it passed), in the chosen language
  Localized feedback;        ///< the rubric's own advice for this check
  /// Pictures that explain the result: the student's heap (Graphviz DOT, drawn where it is shown;
  /// see gclab::viz) or a chart of their measurements (drawn by the check, as SVG).
  struct Picture {
    std::string title;
    std::string dot;
    std::string svg;  ///< set: the picture is drawn already, and `dot` is empty
  };
  std::vector<Picture> pictures;
};

/// A result with only its outcome and explanation set (grade() fills in the rest).
inline CheckResult result_of(Outcome outcome, std::string explanation = {}) {
  CheckResult result;
  result.outcome = outcome;
  result.explanation = std::move(explanation);
  return result;
}

/// "3/5" or "2.5/5": points as a person writes them.
std::string format_points(double earned, int possible);

struct GradeReport {
  std::string exercise;
  std::vector<CheckResult> results;
  Attempt attempt = Attempt::attempted;
  double earned() const;
  int possible() const;
  bool all_passed() const;
};

}  // namespace gclab::grader
