#include "release/markdown_markers.hpp"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "text/lines.hpp"

namespace gclab::grader::release {

namespace {

std::string_view trimmed(std::string_view line) {
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

/// An open block: which marker opened it, where, and whether its lines are kept.
struct Block {
  std::string closer;
  std::size_t line = 0;
  bool keep = false;
};

/// The one pass both functions make: `open(line)` says whether a line opens a block (the closer
/// it waits for, and whether the block's lines are kept); closers and openers are never output.
template <typename Opener>
std::string filter_blocks(std::string_view text, const std::string& file, Opener open,
                          bool (*drop_line)(std::string_view) = nullptr) {
  std::string out;
  std::optional<Block> block;
  std::size_t number = 0;
  for (const std::string& line : split_lines(text)) {
    ++number;
    const std::string_view bare = trimmed(line);
    if (block) {
      if (bare == block->closer) block.reset();
      else if (open(bare)) throw MarkerError(fmt::format("{}:{}: a marker inside the block opened at line {}", file, number, block->line));
      else if (block->keep) out += line + '\n';
      continue;
    }
    if (auto opened = open(bare)) {
      block = Block{opened->first, number, opened->second};
      continue;
    }
    if (drop_line && drop_line(bare)) continue;
    out += line + '\n';
  }
  if (block) throw MarkerError(fmt::format("{}:{}: this block is never closed (by `{}`)", file, block->line, block->closer));
  return out;
}

}  // namespace

std::string student_markdown(std::string_view text, const std::string& file) {
  auto open = [](std::string_view bare) -> std::optional<std::pair<std::string, bool>> {
    if (bare == "<!-- full-course -->") return std::pair<std::string, bool>{"<!-- /full-course -->", false};
    if (bare == "<!-- student-course") return std::pair<std::string, bool>{"-->", true};
    return std::nullopt;
  };
  return filter_blocks(text, file, open, [](std::string_view bare) { return bare.ends_with("<!-- full-course -->"); });
}

std::string select_languages(std::string_view text, ReadmeLang keep, const std::string& file) {
  auto open = [keep](std::string_view bare) -> std::optional<std::pair<std::string, bool>> {
    for (const auto& [lang, name] : {std::pair{ReadmeLang::ko, "ko"}, std::pair{ReadmeLang::en, "en"}})
      if (bare == fmt::format("<!-- lang:{} -->", name))
        return std::pair<std::string, bool>{fmt::format("<!-- /lang:{} -->", name), keep == ReadmeLang::both || keep == lang};
    return std::nullopt;
  };
  return filter_blocks(text, file, open);
}

}  // namespace gclab::grader::release
