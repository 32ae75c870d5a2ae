// How two program outputs are compared: what may differ from run to run (addresses, elapsed
// times, trailing whitespace) is normalised away, as tests/notebook/compare_cells.py does for the
// notebook; then the first line that still differs is what a student is shown.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace gclab::grader {

/// A rubric's own normalisation: every match of `pattern` in a line becomes `with`.
struct Replacement {
  std::regex pattern;
  std::string with;
};

/// Splits `text` into lines and normalises each: a line over 2 KiB is cut (" [N more bytes]"),
/// `0x1a2b…` becomes `0x..`, `0.0012s elapsed`
/// becomes `X.XXXXs elapsed`, then `replace` applies in order, trailing spaces and tabs go;
/// trailing empty lines are dropped. Lines that match one of `ignore` (std::regex_search,
/// ECMAScript) are left out altogether.
std::vector<std::string> normalised_lines(std::string_view text, const std::vector<std::regex>& ignore = {},
                                          const std::vector<Replacement>& replace = {});

/// The first place two normalised outputs differ: 1-based line number, and each side's line
/// (nullopt where that side has no such line: missing or extra output).
struct LineDifference {
  std::size_t line = 0;
  std::optional<std::string> expected;
  std::optional<std::string> got;
};

std::optional<LineDifference> first_difference(const std::vector<std::string>& expected,
                                               const std::vector<std::string>& got);

}  // namespace gclab::grader
