// Running a student's program without trusting it: a child process in its own process group,
// with a wall-clock timeout (the whole group is killed), an address-space limit and bounded
// captured output. Whatever the program does -- crash, hang, allocate without bound, print
// forever -- the grader gets a RunResult back and carries on.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace gclab::grader {

struct RunLimits {
  std::chrono::milliseconds timeout{10'000};
  std::size_t memory_bytes = std::size_t{512} << 20;  ///< RLIMIT_AS; 0 = no limit (sanitizer builds)
  std::size_t output_bytes = std::size_t{1} << 20;    ///< per stream; the rest is read and dropped
};

struct RunRequest {
  std::vector<std::string> argv;                            ///< argv[0] is the program's path
  std::vector<std::pair<std::string, std::string>> env;     ///< added to (or replacing in) ours
  std::filesystem::path cwd;                                ///< empty: ours
  bool merge_stderr = false;  ///< stderr into the stdout pipe, interleaved as a terminal shows them
  RunLimits limits;
};

struct RunResult {
  enum class End { exited, signaled, timed_out, not_started };
  End end = End::not_started;
  int exit_code = 0;       ///< when exited
  int signal = 0;          ///< when signaled
  std::string out;         ///< stdout (and stderr when merged), at most limits.output_bytes
  std::string err;         ///< stderr when not merged; the reason when not_started
  bool truncated = false;  ///< some output was dropped
  std::chrono::milliseconds elapsed{0};
  long max_rss_kib = 0;    ///< the child's peak resident set

  bool succeeded() const { return end == End::exited && exit_code == 0; }
};

/// Runs the request to completion (or to its timeout). Never throws for anything the child does;
/// a program that cannot be started is End::not_started with the reason in `err`.
RunResult run_sandboxed(const RunRequest& request);

/// Whether a run that did not succeed ran out of memory under `limits`: the allocator's failure
/// shows up as std::bad_alloc / MemoryError text, or the peak resident set reached the limit.
bool ran_out_of_memory(const RunResult& result, const RunLimits& limits);

}  // namespace gclab::grader
