#include "text/normalise.hpp"

#include "text/lines.hpp"

namespace gclab::grader {

namespace {

/// The longest line compared as it is. std::regex matches recursively, a stack frame per
/// character, so a student's megabyte-long line would overflow the grader's stack; no line of
/// the notebook comes near this, so a longer one differs anyway: it is cut, and says so.
constexpr std::size_t kLongestLine = 2048;

std::string normalise_line(std::string line, const std::vector<Replacement>& replace) {
  static const std::regex address(R"(0x[0-9a-fA-F]+)");
  static const std::regex elapsed(R"(\d+\.\d+s elapsed)");
  line = std::regex_replace(line, address, "0x..");
  line = std::regex_replace(line, elapsed, "X.XXXXs elapsed");
  for (const Replacement& r : replace) line = std::regex_replace(line, r.pattern, r.with);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.pop_back();
  return line;
}

bool ignored(const std::string& line, const std::vector<std::regex>& ignore) {
  for (const std::regex& pattern : ignore)
    if (std::regex_search(line, pattern)) return true;
  return false;
}

}  // namespace

std::vector<std::string> normalised_lines(std::string_view text, const std::vector<std::regex>& ignore,
                                          const std::vector<Replacement>& replace) {
  std::vector<std::string> lines;
  for (std::string& raw : split_lines(text)) {
    if (raw.size() > kLongestLine) raw = raw.substr(0, kLongestLine) + " [" + std::to_string(raw.size() - kLongestLine) + " more bytes]";
    std::string line = normalise_line(std::move(raw), replace);
    if (!ignored(line, ignore)) lines.push_back(std::move(line));
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::optional<LineDifference> first_difference(const std::vector<std::string>& expected,
                                               const std::vector<std::string>& got) {
  const std::size_t n = std::max(expected.size(), got.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::optional<std::string> e = i < expected.size() ? std::optional(expected[i]) : std::nullopt;
    std::optional<std::string> g = i < got.size() ? std::optional(got[i]) : std::nullopt;
    if (e != g) return LineDifference{i + 1, std::move(e), std::move(g)};
  }
  return std::nullopt;
}

}  // namespace gclab::grader
