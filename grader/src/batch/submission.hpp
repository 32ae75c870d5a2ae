// Submissions: what a class hands in, found and staged. A submission is a folder (a copy of the
// course tree, or only its exercises/), a .zip, or a git repository at a commit (`repo@commit`).
// Only the files a student edits are taken from it (course/course.hpp's editable_files());
// everything else -- rubrics,
// probes, the engine -- comes from the trusted course, so a submission's own rubric.yaml is ignored.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "checks/outcome.hpp"

namespace gclab::grader::batch {

/// Where to take a submission from, before it is staged.
struct SubmissionSource {
  std::string id;      ///< the student: folder name, zip name without .zip, or the list's first column
  std::string origin;  ///< as given: a path, or `repo@commit`
};

/// A submission staged in the scratch directory: `root/exercises/<ex>/<file>` holds, for every
/// exercise, each editable file -- the student's, or the course's stub where they handed in none.
struct Submission {
  std::string id;
  std::string origin;
  std::filesystem::path root;
  std::map<std::string, std::string> exercise_hashes;  ///< exercise -> hash of its staged files
  std::string content_hash;                           ///< of every exercise's hash
  std::vector<std::string> missing;                    ///< "<ex>/<file>" taken from the stub
  std::map<std::string, Attempt> attempts;             ///< exercise -> whether it was worked on
};

/// What `gclab grade <what>` names: one submission (a folder holding exercises/ or exercise
/// folders, a .zip, `repo@commit`), a folder of submissions (each sub-folder or .zip is one), or
/// a list file (any other file: one `[id] source` per line, blank lines and `#` comments
/// skipped). Throws std::invalid_argument for what is none of these.
std::vector<SubmissionSource> find_submissions(const std::string& what, const std::vector<std::string>& exercises);

/// Copies the editable files of `source` for `exercises` into `scratch/<id>/exercises/` (from a
/// zip: only those entries, each at most kMaxFileBytes; from git: `git archive` of the commit).
/// Throws std::runtime_error when the source cannot be read.
Submission stage(const SubmissionSource& source, const std::filesystem::path& course_root,
                 const std::vector<std::string>& exercises, const std::filesystem::path& scratch);

/// A student's file larger than this is not a source file (a zip bomb, a binary): it is refused.
inline constexpr std::size_t kMaxFileBytes = std::size_t{1} << 20;

}  // namespace gclab::grader::batch
