// The problem-specific check kinds of a rubric (refcount_predictions, cycle_freed_by_weakref,
// profiling_report, threshold_experiment): each judges one run of a problem's program.
//
// The grader core runs the student's program in its sandbox with a report pipe (GCLAB_REPORT_FD);
// the program (through gclab/report.hpp) writes there, one JSON object a line, what the engine
// measured. The core checks that the report is complete (its last line is the cell runner's
// {"kind":"done"}), then calls the matching function below, in the grader's own process.
#pragma once

#include <filesystem>
#include <utility>
#include <vector>
#include <string>

#include <yaml-cpp/yaml.h>

#include "charts/chart.hpp"
#include "text/lang.hpp"

namespace gclab::grader {

/// One finished run of a problem's program, as the grader core hands it over.
struct ProblemRun {
  std::filesystem::path exercise_dir;  ///< the student's exercise folder (answers files live here)
  std::string stdout_text;             ///< everything the program printed on stdout
  std::string report;                  ///< the JSON lines the program wrote on its report channel
  YAML::Node with;                     ///< the check's `with:` map in the rubric (may be null)
  Lang lang = Lang::en;                ///< the language the verdict's message is written in
};

/// How well the run did: `fraction` of the check's points earned (1 = passed), and for anything
/// less, the explanation a student reads (the first difference, or why each wrong blank is wrong).
struct ProblemVerdict {
  double fraction = 0;
  std::string message;
  /// Pictures of the student's heap that explain the message: (title, Graphviz DOT).
  std::vector<std::pair<std::string, std::string>> pictures;
  /// The measurements as charts, which the grader core draws (with gnuplot) as pictures.
  std::vector<BarChart> charts;
};

ProblemVerdict check_refcount_predictions(const ProblemRun& run);
ProblemVerdict check_cycle_freed_by_weakref(const ProblemRun& run);
ProblemVerdict check_profiling_report(const ProblemRun& run);
ProblemVerdict check_threshold_experiment(const ProblemRun& run);

}  // namespace gclab::grader
