// "Did you mean ...?": the valid name nearest to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gclab::grader {

/// Levenshtein distance (insertions, deletions, substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate nearest to `word`, if it is near enough to be a plausible typo: at most a third
/// of the word's length away (and at least 2 edits are always allowed). Ties go to the earlier
/// candidate, so callers list names in their documented order.
std::optional<std::string> nearest_name(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace gclab::grader
