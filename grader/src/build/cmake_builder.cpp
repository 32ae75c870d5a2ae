#include "build/builder.hpp"
#include "build/compiler_errors.hpp"
#include "runner/sandbox.hpp"

namespace gclab::grader {

BuildResult CMakeBuilder::build(const std::string& target) {
  if (auto it = built_.find(target); it != built_.end()) return it->second;
  RunRequest request;
  request.argv = {"/usr/bin/env", "cmake", "--build", build_dir_.string(), "--target", target, "-j", "2"};
  request.merge_stderr = true;
  request.limits.timeout = std::chrono::minutes(15);
  request.limits.memory_bytes = 0;  // the compiler is ours, not the student's
  request.limits.output_bytes = std::size_t{4} << 20;
  const RunResult run = run_sandboxed(request);

  BuildResult result;
  result.log = run.end == RunResult::End::not_started ? run.err : run.out;
  result.ok = run.succeeded();
  result.timed_out = run.end == RunResult::End::timed_out;
  if (!result.ok) result.first_error = first_compiler_error(result.log, source_root_);
  built_[target] = result;
  return result;
}

}  // namespace gclab::grader
