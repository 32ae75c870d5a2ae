// gclab release: the student course, written from the full course (this repository). The student
// course is what a class is handed: the engine, the workbook, the grader and `gclab`, the exercise
// stubs with their visible rubrics, and no reference answer in any form -- no solutions/, no
// grader/hidden/, no program built from a solution, no line of one. Its visible output checks
// compare with the solutions' outputs recorded here (release/recorded_rubric.hpp); its Markdown is
// the full course's with the full-course-only parts taken out (release/markdown_markers.hpp).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "build/builder.hpp"
#include "course/course.hpp"
#include "release/markdown_markers.hpp"
#include "text/lang.hpp"

namespace gclab::grader::release {

struct Options {
  std::filesystem::path out;           ///< a new or empty folder
  std::vector<std::string> exercises;  ///< folder names, in course order; empty: every exercise
  std::string title;                   ///< the course's title in its README; empty: the template's
  ReadmeLang readme_lang = ReadmeLang::both;
  bool classroom = false;              ///< also a GitHub Classroom autograding workflow
};

struct Summary {
  std::vector<std::string> exercises;
  std::size_t files = 0;             ///< in the student course, its git metadata aside
  std::size_t recorded_outputs = 0;  ///< expected/<check>.txt files
  std::string commit;                ///< the student course's one commit
};

/// Why a release could not be written (the course, the output folder, a reference that failed).
struct ReleaseError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The template files the release reads, under the full course's grader/release/.
std::filesystem::path templates_dir(const Course& course);

/// Whether `path` (relative to the course root, '/'-separated) is copied into the student course
/// as it is (Markdown: with its markers applied) when `exercises` are the ones released. The
/// student course's own README, scripts/setup, rubrics and recorded outputs are written apart.
bool copied_to_student_course(const std::string& path, const std::vector<std::string>& exercises);

/// Writes the student course of `course` into `options.out` and commits it there. The reference
/// solutions of the visible output checks are built and run through `builder` (the full course's
/// build directory). Throws ReleaseError, RubricError or MarkerError; a failed release may leave a
/// partial folder behind, never a commit.
Summary write_student_course(const Course& course, Builder& builder, const Options& options, Lang lang);

}  // namespace gclab::grader::release
