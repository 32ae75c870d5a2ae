// How isolated runs are isolated here: bubblewrap when it works on this machine, otherwise rlimits,
// a process group and a scratch directory only. Decided once per process and reported once, so a
// grading report can say which protections it had.
//
//   GCLAB_SANDBOX=auto  (default) bubblewrap if `bwrap ... true` runs here, else the fallback
//   GCLAB_SANDBOX=bwrap  bubblewrap or an error (CI that must not grade unprotected)
//   GCLAB_SANDBOX=none   the fallback, e.g. to measure what bubblewrap costs
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "runner/sandbox.hpp"

namespace gclab::grader {

enum class SandboxMode { bwrap, rlimits };

struct SandboxStatus {
  SandboxMode mode = SandboxMode::rlimits;
  std::string reason;  ///< why this mode: forced by GCLAB_SANDBOX, or why bubblewrap did not work
};

/// The mode isolated runs use, detected on first call (a few milliseconds) and cached. Throws
/// std::runtime_error for an unknown GCLAB_SANDBOX value, or when it is `bwrap` and bubblewrap
/// does not work (the message carries bwrap's own complaint).
const SandboxStatus& sandbox_status();

/// One line for reports: "sandbox: bubblewrap (...)" or "sandbox: rlimits only, NOT isolated: ...".
std::string describe(const SandboxStatus& status);

/// Who a root grader runs an isolated program as: a uid (and the gid of the same number) of its
/// own, from a range no account uses (600000-665535), so that RLIMIT_NPROC counts that run's
/// processes alone and one run's processes cannot signal another's. A number is reused only after
/// 16 runs of one grader process, or when two graders' pids agree in their low 12 bits.
struct SandboxUser {
  uid_t uid;
  gid_t gid;
};
SandboxUser next_sandbox_user();

/// Whether an unprivileged uid can reach `path`: every directory above it searchable by others,
/// and the file itself readable or executable by others. A course checked out under a 0700
/// directory (root's home, a private temporary root) is not, and its programs then run as root.
bool reachable_unprivileged(const std::filesystem::path& path);

/// Whether a run with `isolation` drops root (see Isolation::drop_privileges).
bool drops_privileges(const Isolation& isolation);

/// In a forked child only (async-signal-safe): becomes `user` with no supplementary groups.
/// Returns false if that failed (the child must then not run the program).
bool drop_privileges_now(SandboxUser user);

/// The bwrap command line that runs `argv` under `isolation`: read-only system directories,
/// `isolation`'s paths, `scratch` as the writable cwd (empty: a fresh tmpfs of `tmpfs_bytes` at
/// /scratch), every namespace unshared (no network), dying with the grader, in a new session.
std::vector<std::string> bwrap_command(const Isolation& isolation, const std::filesystem::path& scratch,
                                       std::size_t tmpfs_bytes, const std::vector<std::string>& argv);

/// Where an isolated program's HOME, TMPDIR and cwd are: `scratch`, or /scratch for a fresh tmpfs.
std::filesystem::path scratch_inside(const std::filesystem::path& scratch);

/// The environment of an isolated program: PATH, the locale, the sanitizers' options, HOME and
/// TMPDIR at its scratch, then `extra`; nothing else of the grader's (tokens, credentials).
std::vector<std::string> isolated_environment(const std::filesystem::path& scratch,
                                              const std::vector<std::pair<std::string, std::string>>& extra);

}  // namespace gclab::grader
