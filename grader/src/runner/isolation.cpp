#include "runner/isolation.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>

namespace gclab::grader {

namespace {

namespace fs = std::filesystem;

constexpr const char* kBwrap = "/usr/bin/bwrap";

/// What a dynamically linked program and the compiler driver need of /etc: the loader's cache and
/// the alternatives (c++ -> g++). Nothing else: no keys, no shadow, no host names.
constexpr const char* kEtcFiles[] = {"/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                                     "/etc/alternatives", "/etc/passwd", "/etc/group"};

/// Merged /usr: /bin, /lib... are symlinks into /usr, and recreating them as symlinks keeps the
/// sandbox's view identical to the host's.
void add_system_path(std::vector<std::string>& args, const fs::path& path) {
  std::error_code ec;
  if (fs::is_symlink(path, ec)) {
    args.insert(args.end(), {"--symlink", fs::read_symlink(path, ec).string(), path.string()});
  } else if (fs::exists(path, ec)) {
    args.insert(args.end(), {"--ro-bind", path.string(), path.string()});
  }
}

/// Whether this root process may become another uid: not in a user namespace that maps root
/// alone (rootless containers, some CI runners). Tried once, in a child.
bool can_change_uid() {
  static const bool can = [] {
    const pid_t pid = fork();
    if (pid == 0) _exit(drop_privileges_now(next_sandbox_user()) ? 0 : 1);
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }();
  return can;
}

SandboxStatus detect() {
  const char* forced = std::getenv("GCLAB_SANDBOX");
  const std::string wanted = forced && *forced ? forced : "auto";
  if (wanted != "auto" && wanted != "bwrap" && wanted != "none")
    throw std::runtime_error("GCLAB_SANDBOX must be auto, bwrap or none, not '" + wanted + "'");
  if (wanted == "none") return {SandboxMode::rlimits, "GCLAB_SANDBOX=none"};

  // The probe is a real isolated run of `true`, as the user isolated programs will run as: a
  // kernel without unprivileged user namespaces fails here, not in the middle of a grading.
  Isolation probe;
  std::vector<std::string> args = bwrap_command(probe, {}, std::size_t{1} << 20, {"/usr/bin/true"});
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  std::string complaint;
  bool works = false;
  if (access(kBwrap, X_OK) != 0) {
    complaint = std::string(kBwrap) + " is not installed (Debian package bubblewrap)";
  } else if (pipe2(fds, O_CLOEXEC) == 0) {
    const bool drop = drops_privileges(probe);
    const SandboxUser user = next_sandbox_user();
    const pid_t pid = fork();
    if (pid == 0) {
      dup2(fds[1], STDERR_FILENO);
      dup2(fds[1], STDOUT_FILENO);
      if (drop && !drop_privileges_now(user)) _exit(126);
      execv(kBwrap, argv.data());
      _exit(127);
    }
    ::close(fds[1]);
    char buffer[512];
    for (ssize_t n; (n = ::read(fds[0], buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR);)
      if (n > 0) complaint.append(buffer, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    works = pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!works && complaint.empty()) complaint = "bwrap ... true did not succeed";
  } else {
    complaint = std::string("cannot create a pipe: ") + std::strerror(errno);
  }
  while (!complaint.empty() && complaint.back() == '\n') complaint.pop_back();
  if (works) return {SandboxMode::bwrap, wanted == "bwrap" ? "GCLAB_SANDBOX=bwrap" : "bwrap works here"};
  if (wanted == "bwrap") throw std::runtime_error("GCLAB_SANDBOX=bwrap, but bubblewrap does not work here: " + complaint);
  return {SandboxMode::rlimits, complaint};
}

}  // namespace

const SandboxStatus& sandbox_status() {
  static const SandboxStatus status = detect();
  return status;
}

std::string describe(const SandboxStatus& status) {
  const std::string uid = geteuid() == 0 && !can_change_uid()
                              ? "; programs run as root, which cannot change uid here: the process limit is not per run"
                              : "";
  if (status.mode == SandboxMode::bwrap)
    return "sandbox: bubblewrap (read-only system, scratch directory only, no network; " + status.reason + uid + ")";
  return "sandbox: rlimits and process groups only, programs are NOT isolated from the file system (" +
         status.reason + uid + ")";
}

bool reachable_unprivileged(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  if (ec) return false;
  struct stat st {};
  if (::stat(absolute.c_str(), &st) != 0 || (st.st_mode & (S_IROTH | S_IXOTH)) == 0) return false;
  for (fs::path dir = absolute.parent_path(); ; dir = dir.parent_path()) {
    if (::stat(dir.c_str(), &st) != 0 || (st.st_mode & S_IXOTH) == 0) return false;
    if (dir == dir.root_path()) return true;
  }
}

bool drops_privileges(const Isolation& isolation) {
  // Where root cannot change uid, programs run as root without capabilities (bwrap --cap-drop
  // ALL) rather than not at all; describe() says so.
  return isolation.drop_privileges && geteuid() == 0 && can_change_uid();
}

SandboxUser next_sandbox_user() {
  static std::atomic<unsigned> runs{0};
  const auto id = static_cast<uid_t>(600000 + ((static_cast<unsigned>(getpid()) & 0xfff) << 4 | (runs++ & 0xf)));
  return {id, static_cast<gid_t>(id)};
}

bool drop_privileges_now(SandboxUser user) {
  return setgroups(0, nullptr) == 0 && setgid(user.gid) == 0 && setuid(user.uid) == 0;
}

fs::path scratch_inside(const fs::path& scratch) { return scratch.empty() ? fs::path("/scratch") : scratch; }

std::vector<std::string> bwrap_command(const Isolation& isolation, const fs::path& scratch, std::size_t tmpfs_bytes,
                                       const std::vector<std::string>& argv) {
  std::vector<std::string> args = {kBwrap, "--unshare-all", "--die-with-parent", "--new-session"};
  // A root grader that keeps root (a build in its own tree) still gives the program no capability.
  if (geteuid() == 0 && !drops_privileges(isolation)) args.insert(args.end(), {"--cap-drop", "ALL"});
  for (const char* dir : {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"}) add_system_path(args, dir);
  for (const char* file : kEtcFiles) args.insert(args.end(), {"--ro-bind-try", file, file});
  args.insert(args.end(), {"--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp"});
  for (const fs::path& p : isolation.read_only) args.insert(args.end(), {"--ro-bind", p.string(), p.string()});
  for (const fs::path& p : isolation.writable) args.insert(args.end(), {"--bind", p.string(), p.string()});
  for (const fs::path& p : isolation.hidden) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) args.insert(args.end(), {"--tmpfs", p.string()});
    else if (fs::exists(p, ec)) args.insert(args.end(), {"--ro-bind", "/dev/null", p.string()});
  }
  if (scratch.empty()) args.insert(args.end(), {"--size", std::to_string(tmpfs_bytes), "--tmpfs", "/scratch"});
  else args.insert(args.end(), {"--bind", scratch.string(), scratch.string()});
  args.insert(args.end(), {"--chdir", scratch_inside(scratch).string(), "--"});
  args.insert(args.end(), argv.begin(), argv.end());
  return args;
}

std::vector<std::string> isolated_environment(const fs::path& scratch,
                                              const std::vector<std::pair<std::string, std::string>>& extra) {
  std::map<std::string, std::string> vars = {{"PATH", "/usr/local/bin:/usr/bin:/bin"},
                                             {"HOME", scratch_inside(scratch).string()},
                                             {"TMPDIR", scratch_inside(scratch).string()}};
  for (const char* kept : {"LANG", "LC_ALL", "LC_MESSAGES", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"})
    if (const char* value = std::getenv(kept)) vars[kept] = value;
  for (const auto& [name, value] : extra) vars[name] = value;
  std::vector<std::string> entries;
  for (const auto& [name, value] : vars) entries.push_back(name + "=" + value);
  return entries;
}

}  // namespace gclab::grader
