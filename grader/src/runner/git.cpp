#include "runner/git.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <stdexcept>

namespace gclab::grader {

RunResult run_git(const std::vector<std::string>& args) {
  RunRequest request;
  request.argv = {"/usr/bin/env", "git"};
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.limits.timeout = std::chrono::minutes(2);
  request.limits.memory_bytes = 0;
  request.limits.output_bytes = std::size_t{64} << 20;  // a course's file list, a stub
  return run_sandboxed(request);
}

std::string git(const std::vector<std::string>& args) {
  const RunResult run = run_git(args);
  if (!run.succeeded())
    throw std::runtime_error(fmt::format("git {} failed: {}", fmt::join(args, " "), run.err.empty() ? run.out : run.err));
  std::string out = run.out;
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

}  // namespace gclab::grader
