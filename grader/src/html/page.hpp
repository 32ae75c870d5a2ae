// The HTML feedback report: one static, self-contained page (styles inline, pictures as inline
// SVG, no script, no server) a student opens in any browser, or an instructor archives.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "checks/outcome.hpp"
#include "text/lang.hpp"

namespace gclab::grader::html {

/// One exercise's part of the page.
struct ExerciseSection {
  std::string exercise;  ///< folder name: the section's anchor
  std::string title;     ///< in the page's language
  GradeReport report;
  std::string error;     ///< the grader's own failure on this exercise (batch grading), if any
};

/// A whole page around `body`: the doctype, the language, the title and the one inline stylesheet
/// every gclab page shares.
std::string document(Lang lang, const std::string& title, const std::string& body);

/// The page: a heading, the total, a table of contents, then each exercise with its checks --
/// points and outcome, and for a check that did not pass its explanation, the rubric's feedback
/// and the pictures of the student's heap (Graphviz SVG; the DOT text if Graphviz fails). A passed
/// check shows only its pictures (P4's chart of the measurements) and what it said of them.
/// `intro`: HTML under the heading (batch grading: the way back to the class overview, the origin).
std::string student_page(const std::vector<ExerciseSection>& sections, Lang lang, const std::string& heading,
                         const std::string& intro = {});

/// Writes `page` to `out` (creating its folder); throws std::runtime_error naming the file.
void write_page(const std::filesystem::path& out, const std::string& page);

/// Writes a check's picture as `<stem>.svg` (drawn already, or by Graphviz), or as `<stem>.dot`
/// where Graphviz cannot run; returns the file written. For the terminal, which links to the file.
std::filesystem::path write_picture(const CheckResult::Picture& picture, const std::filesystem::path& stem);

/// `text` with &, <, >, " and ' escaped for HTML.
std::string escape(std::string_view text);

}  // namespace gclab::grader::html
