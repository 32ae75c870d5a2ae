// The part every program-running check shares: build the program, run it in the sandbox under the
// check's limits, and turn an abnormal end (build error, timeout, memory, signal) into its outcome.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/context.hpp"
#include "checks/outcome.hpp"
#include "rubric/rubric.hpp"

namespace gclab::grader {

struct ProgramRun {
  std::optional<RunResult> run;  ///< set when the program ran and exited (with any status)
  Outcome outcome = Outcome::passed;  ///< otherwise why not
  std::string explanation;
};

struct ProgramCall {
  std::vector<std::string> args;
  std::vector<std::pair<std::string, std::string>> env;
  bool merge_stderr = false;
};

/// Why a build failed, as an outcome: build_error with the compiler's first error, or timeout.
ProgramRun build_failure(const BuildResult& build, Lang lang);

/// The limits a check's rubric entry sets for each program run.
RunLimits limits_for(const Check& check, const CheckEnv& env);

/// Builds `target` (if not empty) and runs `program` with `call` under `check`'s limits.
ProgramRun build_and_run(CheckEnv& env, const Check& check, const std::string& target,
                         const std::filesystem::path& program, const ProgramCall& call);

/// The explanation for a program that exited with a non-zero status: the status and the last few
/// lines it printed (typically the engine's Traceback).
std::string explain_exit_status(const RunResult& run, Lang lang);

}  // namespace gclab::grader
