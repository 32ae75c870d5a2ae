// What a student's file says, comments and whitespace aside: an exercise whose files all say what
// the stub's say was not attempted, however its comments and blank lines were rearranged.
#pragma once

#include <string>
#include <string_view>

namespace gclab::grader {

/// `text` without its comments (C and C++ comments in a C++ file; `#` comments in a YAML file,
/// named by `file`'s extension) and without whitespace outside string and character literals.
std::string source_essence(std::string_view file, std::string_view text);

/// Whether `text`, the student's `file`, says what `stub` says.
inline bool same_as_stub(std::string_view file, std::string_view text, std::string_view stub) {
  return source_essence(file, text) == source_essence(file, stub);
}

}  // namespace gclab::grader
