// The problem-specific check kinds of a rubric (refcount_predictions, cycle_freed_by_weakref,
// profiling_report, threshold_experiment): each judges one run of a problem's program.
//
// The grader core runs the student's program in its sandbox with GCLAB_REPORT naming a fresh file;
// the program (through gclab/report.hpp) writes there, one JSON object a line, what the engine
// measured. The core then calls the matching function below, in the grader's own process.
#pragma once

#include <filesystem>
#include <string>

#include <yaml-cpp/yaml.h>

namespace gclab::grader {

/// One finished run of a problem's program, as the grader core hands it over.
struct ProblemRun {
  std::filesystem::path exercise_dir;  ///< the student's exercise folder (answers files live here)
  std::string stdout_text;             ///< everything the program printed on stdout
  std::filesystem::path report;        ///< the JSON-lines file the program wrote via GCLAB_REPORT
  YAML::Node with;                     ///< the check's `with:` map in the rubric (may be null)
};

/// How well the run did: `fraction` of the check's points earned (1 = passed), and for anything
/// less, the explanation a student reads (the first difference, or why each wrong blank is wrong).
struct ProblemVerdict {
  double fraction = 0;
  std::string message;
};

ProblemVerdict check_refcount_predictions(const ProblemRun& run);
ProblemVerdict check_cycle_freed_by_weakref(const ProblemRun& run);
ProblemVerdict check_profiling_report(const ProblemRun& run);
ProblemVerdict check_threshold_experiment(const ProblemRun& run);

}  // namespace gclab::grader
