// The YAML files a student fills in beside a problem's program (P1's answers.yaml, P4's
// conclusion.yaml): where they are, and reading them without letting a typo crash the grader.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>

#include "text/lang.hpp"

namespace gclab::grader::problems {

struct StudentFile {
  std::filesystem::path path;
  YAML::Node map;                    ///< the file's top-level map (null when `error` is set)
  std::optional<std::string> error;  ///< missing, not YAML (with line:column), or not a map
};

/// Reads `with[key]` (default `fallback`), a path relative to the exercise folder. A file with
/// nothing but comments is an empty map: every blank is simply unanswered. `error` is in `lang`.
StudentFile read_student_yaml(const std::filesystem::path& exercise_dir, const YAML::Node& with,
                              const std::string& key, const std::string& fallback, Lang lang);

/// A blank is unanswered when its key is missing, null (`key:`) or an empty string.
bool is_blank(const YAML::Node& value);

}  // namespace gclab::grader::problems
