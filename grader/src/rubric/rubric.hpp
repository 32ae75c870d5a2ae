// A rubric: what `gclab check` runs for one exercise, as read from YAML (schema v1, documented
// key by key in grader/README.md). Loading validates everything, so the checks can trust it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "text/lang.hpp"

namespace gclab::grader {

enum class CheckKind {
  compiles,                ///< the exercise's CMake target builds
  output_matches,          ///< normalised output equals the solution's (or a file's)
  catch2,                  ///< a Catch2 test program's named cases pass
  refcount_predictions,    ///< P1: gclab::grader::check_refcount_predictions
  cycle_freed_by_weakref,  ///< P2: check_cycle_freed_by_weakref
  profiling_report,        ///< P3: check_profiling_report
  threshold_experiment,    ///< P4: check_threshold_experiment
};

/// Who sees a check: students run `visible` ones; `gclab check --hidden` (instructors) runs all.
enum class Visibility { visible, hidden, after_due_date };

std::string_view kind_name(CheckKind kind);
std::string_view visibility_name(Visibility visibility);
/// Every kind's name, in documented order (for "did you mean").
const std::vector<std::string>& kind_names();

/// Where something was written: 1-based, as editors count.
struct SourceMark {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Check {
  std::string id;
  CheckKind kind = CheckKind::compiles;
  int points = 1;
  std::vector<std::string> depends_on;  ///< ids of earlier checks that must pass first
  int timeout_seconds = 10;             ///< wall clock, per program run
  int memory_mib = 512;                 ///< address-space limit of the program
  Visibility visibility = Visibility::visible;
  Localized feedback;                   ///< shown when the check does not pass (may be empty)
  YAML::Node with;                      ///< kind-specific parameters, validated for the core kinds
  std::filesystem::path rubric_dir;     ///< the rubric's folder: `expected_file` is relative to it
  SourceMark where;                     ///< the check's `id`, for messages about it
};

struct Rubric {
  int version = 1;
  std::string exercise;  ///< the exercise's folder name, e.g. 02.1-getrefcount
  Localized title;
  std::vector<Localized> hints;  ///< progressive: `gclab hint` shows one more each time
  std::vector<Check> checks;     ///< in the order they run
  std::filesystem::path file;
};

}  // namespace gclab::grader
