#include "text/display_width.hpp"

#include <cstdint>

namespace gclab::grader {

namespace {

/// The wide ranges of Unicode's East Asian Width property that course texts can contain:
/// Hangul Jamo and syllables, CJK ideographs and punctuation, full-width forms.
bool is_wide(std::uint32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
  std::size_t columns = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >> 5 == 0x6 ? 2 : lead >> 4 == 0xE ? 3 : lead >> 3 == 0x1E ? 4 : 1;
    if (length == 1 || i + length > utf8.size()) {
      ++columns;
      ++i;
      continue;
    }
    std::uint32_t c = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) c = c << 6 | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    columns += is_wide(c) ? 2 : 1;
    i += length;
  }
  return columns;
}

std::string pad_to(std::string_view utf8, std::size_t columns) {
  std::string out(utf8);
  const std::size_t width = display_width(utf8);
  if (width < columns) out.append(columns - width, ' ');
  return out;
}

}  // namespace gclab::grader
