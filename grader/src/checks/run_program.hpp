// The part every program-running check shares: build the program, run it isolated in the sandbox
// under the check's limits (it sees only itself and the system, writes only a fresh scratch), and
// turn an abnormal end (build error, timeout, memory, CPU, signal, a report cut short) into its
// outcome.
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
  /// Open the report channel, and fail a run that exits (even with status 0) without the cell
  /// runner's final {"kind":"done"} line: it stopped before its checks finished.
  bool report_channel = false;
};

/// Why a build failed, as an outcome: build_error with the compiler's first error, or timeout.
ProgramRun build_failure(const BuildResult& build, Lang lang);

/// The limits a check's rubric entry sets for each program run (RunLimits::for_program() with the
/// check's timeout, as wall clock and as CPU time, and its memory).
RunLimits limits_for(const Check& check, const CheckEnv& env);

/// Builds `target` (if not empty) and runs `program` with `call` under `check`'s limits, isolated.
ProgramRun build_and_run(CheckEnv& env, const Check& check, const std::string& target,
                         const std::filesystem::path& program, const ProgramCall& call);

/// Why a report is not a whole run's: nullopt when its last line, and only that one, is
/// {"kind":"done"} (which gclab::workbook's cell runner writes after the last cell).
std::optional<std::string> unfinished_report(const RunResult& run, Lang lang);

/// The explanation for a program that exited with a non-zero status: the status and the last few
/// lines it printed (typically the engine's Traceback).
std::string explain_exit_status(const RunResult& run, Lang lang);

}  // namespace gclab::grader
