#include "build/compiler_errors.hpp"

#include <vector>

#include "text/lines.hpp"

namespace gclab::grader {

namespace {

bool starts_error(const std::string& line) {
  return line.find(": error:") != std::string::npos || line.find(": fatal error:") != std::string::npos ||
         line.find("undefined reference to") != std::string::npos;
}

/// Lines ninja and the compiler print that are not part of an error's own text.
bool ends_error(const std::string& line) {
  return line.starts_with("[") || line.starts_with("FAILED:") || line.starts_with("ninja:") ||
         line.find(": note:") != std::string::npos || line.find(": In function") != std::string::npos ||
         line.find(": In member function") != std::string::npos || line.find(": At global scope") != std::string::npos ||
         line.find("collect2:") != std::string::npos;
}

void strip_root(std::string& line, const std::string& root) {
  for (std::size_t at = line.find(root); at != std::string::npos; at = line.find(root)) line.erase(at, root.size());
}

}  // namespace

std::string first_compiler_error(std::string_view log, const std::filesystem::path& source_root, std::size_t max_lines) {
  const std::vector<std::string> lines = split_lines(log);
  std::vector<std::string> picked;
  for (std::size_t i = 0; i < lines.size() && picked.empty(); ++i) {
    if (!starts_error(lines[i])) continue;
    picked.push_back(lines[i]);
    for (std::size_t j = i + 1; j < lines.size() && picked.size() < max_lines && !ends_error(lines[j]) &&
                                !starts_error(lines[j]);
         ++j)
      picked.push_back(lines[j]);
  }
  if (picked.empty()) {
    const std::size_t from = lines.size() > max_lines ? lines.size() - max_lines : 0;
    picked.assign(lines.begin() + static_cast<std::ptrdiff_t>(from), lines.end());
  }
  const std::string root = source_root.empty() ? std::string() : source_root.string() + "/";
  std::string text;
  for (std::string& line : picked) {
    if (!root.empty()) strip_root(line, root);
    text += line + "\n";
  }
  return text;
}

}  // namespace gclab::grader
