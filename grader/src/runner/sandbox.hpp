// Running a student's program without trusting it: a child process in its own process group,
// with a wall-clock timeout (the whole group is killed), rlimits (address space, CPU time,
// processes, file size, open files, no core dumps) and bounded captured output. With an
// Isolation it also runs inside bubblewrap (isolation.hpp): a read-only view of the system and of
// the few paths it needs, one writable scratch directory, no network. Results travel on a report
// pipe the program cannot forge by printing. Whatever the program does -- crash, hang, allocate
// without bound, print forever, fork -- the grader gets a RunResult back and carries on.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gclab::grader {

/// What one run may use. For every rlimit, 0 means "not applied".
struct RunLimits {
  std::chrono::milliseconds timeout{10'000};
  std::size_t memory_bytes = std::size_t{512} << 20;  ///< RLIMIT_AS; 0 in sanitizer builds (shadow memory)
  std::size_t output_bytes = std::size_t{1} << 20;    ///< per stream (and the report); the rest is dropped
  unsigned cpu_seconds = 0;   ///< RLIMIT_CPU: SIGXCPU at this, SIGKILL one second later
  unsigned processes = 0;     ///< RLIMIT_NPROC, counted on top of what the user already runs (see .cpp)
  std::size_t file_bytes = 0; ///< RLIMIT_FSIZE: the largest file the program may write
  unsigned open_files = 0;    ///< RLIMIT_NOFILE
  // Core dumps are always off: a crashing student program must not litter the disk.

  /// A student's program: the default timeout and memory above, plus CPU time as long as the
  /// timeout, 32 processes, 16 MiB files, 64 open files.
  static RunLimits for_program();
  /// A compiler: 2 minutes, 2 GiB of address space, 4 MiB of log, 256 processes (the driver, cc1plus,
  /// as, ld, ninja's jobs), 512 MiB files (debug-info objects), 1024 open files.
  static RunLimits for_compile();
};

/// What a run may see and where it may write. Without bubblewrap (sandbox_status()) only the
/// scratch directory, the privilege drop and the environment still apply: the program can then
/// read whatever the grader's user can read.
struct Isolation {
  /// Paths visible read-only at their own path, besides the system's (/usr, /lib*, a minimal /etc):
  /// the program, or for a compile the headers, libraries and sources it needs.
  std::vector<std::filesystem::path> read_only;
  /// Paths visible and writable at their own path (a build tree that must stay where it is).
  std::vector<std::filesystem::path> writable;
  /// Paths inside the ones above that must stay unseen (solutions, hidden rubrics): a directory
  /// becomes an empty tmpfs, a file unreadable (so build tools still find it by name).
  std::vector<std::filesystem::path> hidden;
  /// The working directory and the writable place. Empty: a fresh one per run, removed after it
  /// (under bubblewrap a size-capped tmpfs).
  std::filesystem::path scratch;
  /// When the grader is root: run as an unprivileged uid of the run's own (next_sandbox_user() in
  /// isolation.hpp; root ignores RLIMIT_NPROC, and could write any file it sees in the fallback
  /// mode). A given scratch is handed to that uid first. Off for builds in a root-owned tree.
  bool drop_privileges = true;
};

struct RunRequest {
  std::vector<std::string> argv;                            ///< argv[0] is the program's path
  std::vector<std::pair<std::string, std::string>> env;     ///< added to (or replacing in) ours
  std::filesystem::path cwd;                                ///< empty: ours (ignored when isolated)
  bool merge_stderr = false;  ///< stderr into the stdout pipe, interleaved as a terminal shows them
  RunLimits limits;
  /// Set: run isolated (bubblewrap if it works here), with only a minimal environment (PATH, LANG,
  /// sanitizer options, HOME and TMPDIR at the scratch) plus `env`: no grader secrets leak.
  std::optional<Isolation> isolation;
  /// Open the report channel: a pipe whose write end the program finds at the descriptor named by
  /// GCLAB_REPORT_FD (gclab/report_channel.hpp); what it writes there lands in RunResult::report.
  bool report_channel = false;
};

struct RunResult {
  enum class End { exited, signaled, timed_out, not_started };
  End end = End::not_started;
  int exit_code = 0;       ///< when exited
  int signal = 0;          ///< when signaled
  std::string out;         ///< stdout (and stderr when merged), at most limits.output_bytes
  std::string err;         ///< stderr when not merged; the reason when not_started
  std::string report;      ///< what the program wrote on the report channel, at most limits.output_bytes
  bool truncated = false;  ///< some output (or report) was dropped
  std::chrono::milliseconds elapsed{0};
  long max_rss_kib = 0;    ///< the child's peak resident set

  bool succeeded() const { return end == End::exited && exit_code == 0; }
};

/// Runs the request to completion (or to its timeout). Never throws for anything the child does;
/// a program that cannot be started is End::not_started with the reason in `err`. Returns as soon
/// as the program itself has ended: whatever it left running is killed then (its process group;
/// under bubblewrap its whole pid namespace), so a background child cannot hold the run open.
/// Throws std::runtime_error only when the sandbox is misconfigured (see sandbox_status()).
RunResult run_sandboxed(const RunRequest& request);

/// Whether a run that did not succeed ran out of memory under `limits`: the allocator's failure
/// shows up as std::bad_alloc / MemoryError text (or a sanitizer's RSS-limit report), or the
/// peak resident set reached the limit.
bool ran_out_of_memory(const RunResult& result, const RunLimits& limits);

/// Whether a run was ended by its CPU-time limit (SIGXCPU).
bool ran_out_of_cpu(const RunResult& result);

}  // namespace gclab::grader
