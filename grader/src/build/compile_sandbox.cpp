#include "build/compile_sandbox.hpp"

#include "build/compiler_errors.hpp"

namespace gclab::grader {

BuildResult build_in_sandbox(const std::vector<std::string>& command, const Isolation& isolation,
                             const RunLimits& limits, const std::filesystem::path& source_root) {
  RunRequest request;
  request.argv = command;
  request.merge_stderr = true;  // the compiler's diagnostics, in order with the build tool's lines
  request.limits = limits;
  request.isolation = isolation;
  const RunResult run = run_sandboxed(request);

  BuildResult result;
  result.log = run.end == RunResult::End::not_started ? run.err : run.out;
  result.ok = run.succeeded();
  // A compile stopped by its CPU limit is a compile that took too long as well.
  result.timed_out = run.end == RunResult::End::timed_out || ran_out_of_cpu(run);
  if (!result.ok) result.first_error = first_compiler_error(result.log, source_root);
  return result;
}

BuildResult compile_in_sandbox(const std::vector<std::string>& command,
                               const std::vector<std::filesystem::path>& readable,
                               const std::filesystem::path& scratch, const RunLimits& limits,
                               const std::vector<std::filesystem::path>& hidden) {
  Isolation isolation;
  isolation.read_only = readable;
  isolation.hidden = hidden;
  isolation.scratch = std::filesystem::absolute(scratch);
  return build_in_sandbox(command, isolation, limits, isolation.scratch);
}

}  // namespace gclab::grader
