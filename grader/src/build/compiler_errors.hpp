// What a student needs from a failed build: the first error, not four screens of notes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace gclab::grader {

/// The first `error:` (compiler) or `undefined reference` (linker) line of `log` and the lines
/// that belong to it (source excerpt, caret), at most `max_lines`, with `source_root/` cut from
/// paths. If the log has no such line, its last `max_lines` lines.
std::string first_compiler_error(std::string_view log, const std::filesystem::path& source_root,
                                 std::size_t max_lines = 6);

}  // namespace gclab::grader
