// Reading and validating a rubric file (schema v1). The first problem found is thrown as one
// RubricError; nothing is reported half-loaded.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rubric/error.hpp"
#include "rubric/rubric.hpp"

namespace gclab::grader {

/// A rubric's place in the course decides two rules: an exercise rubric (exercises/<ex>/rubric.yaml,
/// what students have) holds only visible checks and needs a title; a hidden rubric
/// (grader/hidden/<ex>.yaml) defaults its checks to `hidden` and may depend on the visible ones.
enum class RubricRole { exercise, hidden };

struct LoadOptions {
  RubricRole role = RubricRole::exercise;
  /// If set, `exercise:` must say this (the folder or file name the rubric was found under).
  std::optional<std::string> expected_exercise;
  /// Ids that come before this file's checks (a hidden rubric's visible rubric), for depends_on.
  std::vector<std::string> earlier_ids;
};

/// The role a path implies: a file in a folder named `hidden` is a hidden rubric; the expected
/// exercise is the parent folder's name for `rubric.yaml`, else the file's stem.
LoadOptions options_for_path(const std::filesystem::path& file);

/// Loads and validates `file` (shown in messages as given). Throws RubricError.
Rubric load_rubric(const std::filesystem::path& file, const LoadOptions& options);

}  // namespace gclab::grader
