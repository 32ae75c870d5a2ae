#include "text/source_essence.hpp"

#include <cctype>

namespace gclab::grader {

namespace {

bool blank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// A quoted literal starting at `at` (its quote), copied to `out`; returns the index after it.
std::size_t copy_quoted(std::string_view text, std::size_t at, std::string& out) {
  const char quote = text[at];
  std::size_t i = at + 1;
  while (i < text.size() && text[i] != quote && text[i] != '\n') i += text[i] == '\\' ? 2 : 1;
  const std::size_t end = std::min(text.size(), i + 1);
  out.append(text.substr(at, end - at));
  return end;
}

/// A C++ raw string R"delim( ... )delim" starting at `at` (its R), copied; the index after it.
std::size_t copy_raw(std::string_view text, std::size_t at, std::string& out) {
  const std::size_t open = text.find('(', at + 2);
  if (open == std::string_view::npos) return copy_quoted(text, at + 1, out);
  const std::string close = ")" + std::string(text.substr(at + 2, open - at - 2)) + "\"";
  const std::size_t found = text.find(close, open);
  const std::size_t end = found == std::string_view::npos ? text.size() : found + close.size();
  out.append(text.substr(at, end - at));
  return end;
}

std::string cpp_essence(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (c == '/' && next == '/') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '/' && next == '*') {
      const std::size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else if (c == 'R' && next == '"' && (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'))) {
      i = copy_raw(text, i, out);
    } else if (c == '"' || (c == '\'' && !(i > 0 && std::isxdigit(static_cast<unsigned char>(text[i - 1]))))) {
      i = copy_quoted(text, i, out);  // a ' after a digit is C++14's digit separator (1'000)
    } else {
      if (!blank(c)) out += c;
      ++i;
    }
  }
  return out;
}

std::string yaml_essence(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    // A comment starts a line or follows a blank; inside quotes a # is text.
    if (c == '#' && (i == 0 || blank(text[i - 1]))) {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == '"' || c == '\'') {
      i = copy_quoted(text, i, out);
    } else {
      if (!blank(c)) out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

std::string source_essence(std::string_view file, std::string_view text) {
  if (file.ends_with(".yaml") || file.ends_with(".yml")) return yaml_essence(text);
  return cpp_essence(text);
}

}  // namespace gclab::grader
