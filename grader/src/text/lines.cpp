#include "text/lines.hpp"

namespace gclab::grader {

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::string indent(std::string_view text, std::string_view prefix) {
  std::string out;
  for (const std::string& line : split_lines(text)) {
    if (!out.empty()) out += '\n';
    out += prefix;
    out += line;
  }
  return out;
}

std::string last_lines(std::string_view text, std::size_t count) {
  std::vector<std::string> lines = split_lines(text);
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  const std::size_t from = lines.size() > count ? lines.size() - count : 0;
  std::string out;
  for (std::size_t i = from; i < lines.size(); ++i) out += (i == from ? "" : "\n") + lines[i];
  return out;
}

}  // namespace gclab::grader
