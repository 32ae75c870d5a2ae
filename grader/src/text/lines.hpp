// Small line-oriented text helpers shared by the checks and the build's error trimming.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gclab::grader {

/// The lines of `text`, without their '\n' (a final '\n' does not make an empty last line).
std::vector<std::string> split_lines(std::string_view text);
/// Every line of `text` prefixed with `prefix` (for nesting a program's output under a message).
std::string indent(std::string_view text, std::string_view prefix = "    ");
/// The last `count` non-empty-tail lines of `text`.
std::string last_lines(std::string_view text, std::size_t count);

}  // namespace gclab::grader
