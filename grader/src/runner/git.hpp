// git, run as any tool the grader runs (no shell, a timeout): reading a course's files and stubs,
// a submission's commit, writing the student course's repository.
#pragma once

#include <string>
#include <vector>

#include "runner/sandbox.hpp"

namespace gclab::grader {

/// git with `args`, its whole result: for callers that read the exit status or need the output
/// byte for byte (a file's contents from `git show`).
RunResult run_git(const std::vector<std::string>& args);

/// git with `args`: its output without the final newlines. std::runtime_error, with what git said,
/// if it fails.
std::string git(const std::vector<std::string>& args);

}  // namespace gclab::grader
