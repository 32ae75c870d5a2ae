// The full course's Markdown, as the student course shows it. One file serves both trees: what
// only the full course may say (links to the reference answers, commands that run them) sits in
// invisible HTML-comment markers, and so does what only the student course says instead.
//
//   <!-- full-course -->          the lines up to `<!-- /full-course -->` (markers alone on their
//   ...                           lines, included) are dropped from the student course
//   <!-- /full-course -->
//   a line ending in <!-- full-course -->      is dropped (a table row, say)
//   <!-- student-course           the lines up to a line `-->` appear in the student course only
//   ...                           (in the full course they are a comment)
//   -->
//
// The README template of the student course is written in both languages, each block marked
// `<!-- lang:ko -->` ... `<!-- /lang:ko -->` (or `lang:en`); text outside them is shared.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace gclab::grader::release {

/// A marker left open or closed twice, as `file:line: message`.
struct MarkerError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `text` (the Markdown file `file`, named in errors) as the student course shows it.
std::string student_markdown(std::string_view text, const std::string& file);

/// Which languages a student README keeps.
enum class ReadmeLang { ko, en, both };

/// `text` with only the language blocks `keep` names (and the shared text); markers removed.
std::string select_languages(std::string_view text, ReadmeLang keep, const std::string& file);

}  // namespace gclab::grader::release
