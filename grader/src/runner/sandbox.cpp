#include "runner/sandbox.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gclab/report_channel.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

#include "runner/isolation.hpp"
#include "runner/temp_dir.hpp"

extern char** environ;

namespace gclab::grader {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

/// Where bwrap writes its JSON status (child-pid once the sandbox is up, then exit-code): only
/// bwrap holds it, the program never sees it.
constexpr int kBwrapStatusFd = 4;
/// How long output is still read after the program ended, from what it left behind, before they
/// are killed with it: enough for a pipe's worth of buffered text, short enough that a background
/// child cannot hold a grading up.
constexpr auto kDrainGrace = std::chrono::milliseconds(300);

/// A pipe whose read end the parent keeps; both ends close-on-exec so no other child inherits them.
struct Pipe {
  int read = -1;
  int write = -1;
  bool open() {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return false;
    read = fds[0];
    write = fds[1];
    return true;
  }
};

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::vector<std::string> merged_environment(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [name, value] : extra) vars[name] = value;
  std::vector<std::string> entries;
  for (const auto& [name, value] : vars) entries.push_back(name + "=" + value);
  return entries;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (std::string& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

/// The tasks (processes and threads) `uid` runs now. RLIMIT_NPROC compares the user's whole count
/// with the limit, so the program's allowance is added on top of this.
unsigned long tasks_of(uid_t uid) {
  unsigned long count = 0;
  DIR* proc = opendir("/proc");
  if (!proc) return 0;
  while (const dirent* entry = readdir(proc)) {
    if (entry->d_name[0] < '0' || entry->d_name[0] > '9') continue;
    const std::string dir = std::string("/proc/") + entry->d_name;
    struct stat info {};
    if (stat(dir.c_str(), &info) != 0 || info.st_uid != uid) continue;
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir + "/task", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
      ++count;
  }
  closedir(proc);
  return count;
}

/// Hands a scratch directory (and what is in it) to the unprivileged user the program runs as.
void give_to(const fs::path& scratch, SandboxUser user) {
  lchown(scratch.c_str(), user.uid, user.gid);
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(scratch, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec))
    lchown(it->path().c_str(), user.uid, user.gid);
}

/// Everything the child does between fork and exec, decided before the fork.
struct Plan {
  std::vector<std::string> argv;
  std::vector<std::string> env;
  fs::path cwd;
  bool drop = false;
  SandboxUser user{};
  bool bwrap = false;
  rlim_t processes = 0;
};

void set_limit(int resource, rlim_t soft, rlim_t hard) {
  const rlimit limit{soft, hard};
  setrlimit(resource, &limit);
}

/// In the child, between fork and exec: only async-signal-safe calls. Reports a failure to start
/// through `status_fd` (the parent sees EOF on it when exec succeeds, thanks to O_CLOEXEC).
[[noreturn]] void become_program(const RunRequest& request, const Plan& plan, char* const* argv, char* const* envp,
                                 int out_fd, int err_fd, int report_fd, int bwrap_status_fd, int null_fd,
                                 int status_fd) {
  setpgid(0, 0);  // our own group, so a timeout can kill everything the program started
  // The fixed descriptors (0-2, the report at 3, bwrap's status at 4) are set up from copies above
  // them, so that no dup2 overwrites a descriptor still to be copied.
  const int lowest = 16;
  auto lift = [&](int fd) { return fd < 0 ? -1 : fcntl(fd, F_DUPFD_CLOEXEC, lowest); };
  const int in = lift(null_fd), out = lift(out_fd), err = lift(err_fd), report = lift(report_fd),
            bwrap_status = lift(bwrap_status_fd);
  status_fd = lift(status_fd);
  dup2(in, STDIN_FILENO);
  dup2(out, STDOUT_FILENO);
  dup2(err, STDERR_FILENO);
  // An unused fixed descriptor is closed: it may be one of the grader's own (a gradebook).
  if (report >= 0) dup2(report, kReportFd);
  else ::close(kReportFd);
  if (bwrap_status >= 0) dup2(bwrap_status, kBwrapStatusFd);
  else ::close(kBwrapStatusFd);
  // Nothing else of the grader's reaches the program (another run's pipes, a gradebook): only
  // status_fd stays, and it closes on exec.
  close_range(kBwrapStatusFd + 1, static_cast<unsigned>(status_fd) - 1, 0);
  close_range(static_cast<unsigned>(status_fd) + 1, ~0U, 0);

  // The limits come after the descriptors are in place: RLIMIT_NOFILE must not stop the copies
  // above (a busy grader may hold many descriptors).
  const RunLimits& limits = request.limits;
  if (limits.memory_bytes > 0) set_limit(RLIMIT_AS, limits.memory_bytes, limits.memory_bytes);
  // SIGXCPU first, which a program may catch; SIGKILL a second later, which it cannot.
  if (limits.cpu_seconds > 0) set_limit(RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1);
  if (plan.processes > 0) set_limit(RLIMIT_NPROC, plan.processes, plan.processes);
  if (limits.file_bytes > 0) set_limit(RLIMIT_FSIZE, limits.file_bytes, limits.file_bytes);
  if (limits.open_files > 0) set_limit(RLIMIT_NOFILE, limits.open_files, limits.open_files);
  set_limit(RLIMIT_CORE, 0, 0);  // a crashing student program should not litter core files

  // Default dispositions and an empty mask: the grader may ignore SIGPIPE or block signals in its
  // threads, the program must not inherit that.
  signal(SIGPIPE, SIG_DFL);
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  auto fail = [&](int e) {
    (void)!write(status_fd, &e, sizeof e);
    _exit(127);
  };
  if (plan.drop && !drop_privileges_now(plan.user)) fail(errno);
  if (!plan.cwd.empty() && chdir(plan.cwd.c_str()) != 0) fail(errno);
  execve(argv[0], argv, envp);
  fail(errno);
  _exit(127);  // not reached: fail() does not return
}

/// Appends what is readable on `fd` to `sink` up to `cap` bytes; returns false at EOF.
bool drain(int fd, std::string& sink, std::size_t cap, bool& truncated) {
  char buffer[65536];
  const ssize_t n = ::read(fd, buffer, sizeof buffer);
  if (n < 0) return errno == EINTR || errno == EAGAIN;
  if (n == 0) return false;
  const std::size_t room = cap > sink.size() ? cap - sink.size() : 0;
  const std::size_t kept = std::min(room, static_cast<std::size_t>(n));
  sink.append(buffer, kept);
  if (kept < static_cast<std::size_t>(n)) truncated = true;
  return true;
}

Plan plan_for(const RunRequest& request, const fs::path& scratch) {
  Plan plan;
  std::vector<std::pair<std::string, std::string>> env = request.env;
  if (request.report_channel) env.emplace_back(kReportFdVariable, std::to_string(kReportFd));
  if (!request.isolation) {
    plan.argv = request.argv;
    plan.env = merged_environment(env);
    plan.cwd = request.cwd;
  } else {
    const Isolation& isolation = *request.isolation;
    // The uid of the run must reach the program and every path given to it (bwrap binds them as
    // that uid too); where it cannot, the run stays root, without capabilities under bwrap.
    plan.drop = drops_privileges(isolation) && !request.argv.empty() && reachable_unprivileged(request.argv[0]) &&
                std::all_of(isolation.read_only.begin(), isolation.read_only.end(), reachable_unprivileged) &&
                std::all_of(isolation.writable.begin(), isolation.writable.end(), reachable_unprivileged) &&
                (isolation.scratch.empty() || reachable_unprivileged(isolation.scratch));
    plan.user = next_sandbox_user();
    plan.bwrap = sandbox_status().mode == SandboxMode::bwrap;
    plan.env = isolated_environment(scratch, env);
    if (plan.bwrap) {
      // A fresh tmpfs holds at most a few of the largest files the program may write.
      const std::size_t tmpfs_bytes = request.limits.file_bytes > 0 ? request.limits.file_bytes * 4 : std::size_t{64} << 20;
      plan.argv = bwrap_command(isolation, scratch, tmpfs_bytes, request.argv);
      plan.argv.insert(plan.argv.begin() + 1, {"--json-status-fd", std::to_string(kBwrapStatusFd)});
    } else {
      plan.argv = request.argv;
      plan.cwd = scratch;
    }
    if (plan.drop && !scratch.empty()) give_to(scratch, plan.user);
  }
  // Root (without a drop) is exempt from RLIMIT_NPROC: a limit there would only be decoration.
  const uid_t runs_as = plan.drop ? plan.user.uid : geteuid();
  if (request.limits.processes > 0 && runs_as != 0) plan.processes = tasks_of(runs_as) + request.limits.processes;
  return plan;
}

}  // namespace

RunLimits RunLimits::for_program() {
  RunLimits limits;
  limits.cpu_seconds = static_cast<unsigned>(std::chrono::duration_cast<std::chrono::seconds>(limits.timeout).count());
  limits.processes = 32;
  limits.file_bytes = std::size_t{16} << 20;
  limits.open_files = 64;
  return limits;
}

RunLimits RunLimits::for_compile() {
  RunLimits limits;
  limits.timeout = std::chrono::minutes(2);
  limits.memory_bytes = std::size_t{2} << 30;
  limits.output_bytes = std::size_t{4} << 20;
  limits.cpu_seconds = 120;
  limits.processes = 256;
  limits.file_bytes = std::size_t{512} << 20;
  limits.open_files = 1024;
  return limits;
}

RunResult run_sandboxed(const RunRequest& request) {
  RunResult result;
  if (request.argv.empty()) {
    result.err = "no program to run";
    return result;
  }
  // An isolated run without a scratch of its own gets a fresh one: a tmpfs under bubblewrap,
  // otherwise a directory removed afterwards.
  std::optional<TempDir> own_scratch;
  fs::path scratch;
  if (request.isolation) {
    scratch = request.isolation->scratch;
    if (scratch.empty() && sandbox_status().mode != SandboxMode::bwrap) scratch = own_scratch.emplace().path();
  }
  // Everything the child needs is prepared before fork: it may only call async-signal-safe
  // functions afterwards.
  Plan plan = plan_for(request, scratch);
  std::vector<char*> argv = c_strings(plan.argv);
  std::vector<char*> envp = c_strings(plan.env);

  Pipe out, err, status, report, bwrap_status;
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int null_copy = null_fd;
  auto close_all = [&] {
    for (int* fd : {&out.read, &out.write, &err.read, &err.write, &status.read, &status.write, &report.read,
                    &report.write, &bwrap_status.read, &bwrap_status.write, &null_copy})
      close_fd(*fd);
  };
  if (!out.open() || (!request.merge_stderr && !err.open()) || !status.open() ||
      (request.report_channel && !report.open()) || (plan.bwrap && !bwrap_status.open()) || null_fd < 0) {
    result.err = std::string("cannot create pipes: ") + std::strerror(errno);
    close_all();
    return result;
  }

  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    result.err = std::string("fork failed: ") + std::strerror(errno);
    close_all();
    return result;
  }
  if (pid == 0)
    become_program(request, plan, argv.data(), envp.data(), out.write, request.merge_stderr ? out.write : err.write,
                   report.write, bwrap_status.write, null_fd, status.write);

  setpgid(pid, pid);  // also here: whichever of parent and child runs first, the group exists
  for (int* fd : {&out.write, &err.write, &status.write, &report.write, &bwrap_status.write, &null_copy}) close_fd(*fd);

  int start_errno = 0;
  const bool exec_failed = ::read(status.read, &start_errno, sizeof start_errno) == sizeof start_errno;
  close_fd(status.read);

  // Read the streams until they close, the program ends (then a short grace for what is still
  // buffered), or the deadline.
  auto deadline = start + request.limits.timeout;
  bool timed_out = false;
  bool reaped = false;
  int wait_status = 0;
  rusage usage{};
  struct Stream {
    int fd;
    std::string* sink;
  };
  std::vector<Stream> open_streams = {{out.read, &result.out}};
  if (err.read >= 0) open_streams.push_back({err.read, &result.err});
  if (report.read >= 0) open_streams.push_back({report.read, &result.report});
  while (!reaped || !open_streams.empty()) {
    if (!reaped && wait4(pid, &wait_status, WNOHANG, &usage) == pid) {
      reaped = true;
      kill(-pid, SIGKILL);  // what the program left running in its group goes with it
      deadline = std::min(deadline, Clock::now() + kDrainGrace);
      if (open_streams.empty()) break;
    }
    // Rounded up: a deadline less than a millisecond away has not passed yet.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = !reaped;
      break;
    }
    std::vector<pollfd> fds;
    for (const Stream& s : open_streams) fds.push_back({s.fd, POLLIN, 0});
    // Short waits: the program's end is noticed by wait4 even while a child of it holds the pipes.
    const int ready = poll(fds.data(), fds.size(), static_cast<int>(std::min<long long>(left, 50)));
    if (ready < 0 && errno != EINTR) break;
    std::vector<Stream> still_open;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      const bool open = (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0 ||
                        drain(fds[i].fd, *open_streams[i].sink, request.limits.output_bytes, result.truncated);
      if (open) still_open.push_back(open_streams[i]);
    }
    open_streams = std::move(still_open);
  }
  kill(-pid, SIGKILL);
  for (int* fd : {&out.read, &err.read, &report.read}) close_fd(*fd);
  while (!reaped) {
    const pid_t done = wait4(pid, &wait_status, 0, &usage);
    reaped = done == pid || (done < 0 && errno != EINTR);
  }
  std::string bwrap_says;
  if (bwrap_status.read >= 0) {
    // bwrap has exited: what it wrote is all in the pipe already.
    fcntl(bwrap_status.read, F_SETFL, O_NONBLOCK);
    char buffer[1024];
    for (ssize_t n; (n = ::read(bwrap_status.read, buffer, sizeof buffer)) > 0;) bwrap_says.append(buffer, static_cast<std::size_t>(n));
    close_fd(bwrap_status.read);
  }

  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  result.max_rss_kib = usage.ru_maxrss;
  if (exec_failed) {
    result.end = RunResult::End::not_started;
    result.err = "cannot run " + plan.argv[0] + ": " + std::strerror(start_errno);
  } else if (timed_out) {
    result.end = RunResult::End::timed_out;
  } else if (plan.bwrap && bwrap_says.find("child-pid") == std::string::npos) {
    // bwrap itself failed to set the sandbox up: the program never ran.
    result.end = RunResult::End::not_started;
    result.err = "cannot isolate " + request.argv[0] + ": " + (request.merge_stderr ? result.out : result.err);
  } else if (WIFSIGNALED(wait_status)) {
    result.end = RunResult::End::signaled;
    result.signal = WTERMSIG(wait_status);
  } else if (plan.bwrap && WEXITSTATUS(wait_status) > 128 && WEXITSTATUS(wait_status) < 128 + NSIG) {
    // bwrap reports a program killed by signal N as status 128 + N, as a shell does.
    result.end = RunResult::End::signaled;
    result.signal = WEXITSTATUS(wait_status) - 128;
  } else {
    result.end = RunResult::End::exited;
    result.exit_code = WEXITSTATUS(wait_status);
  }
  return result;
}

bool ran_out_of_memory(const RunResult& result, const RunLimits& limits) {
  if (result.succeeded() || result.end == RunResult::End::timed_out || result.end == RunResult::End::not_started)
    return false;
  // The allocator's failure, or under the sanitizers (no RLIMIT_AS) their own RSS watchdog
  // (hard_rss_limit_mb) and allocation limits.
  for (const std::string* text : {&result.out, &result.err})
    for (const char* marker : {"std::bad_alloc", "MemoryError", "Cannot allocate memory", "out of memory",
                               "hard rss limit exhausted", "allocation-size-too-big"})
      if (text->find(marker) != std::string::npos) return true;
  // A program that touches what it allocates reaches the limit in resident memory too.
  return limits.memory_bytes > 0 && static_cast<std::size_t>(result.max_rss_kib) * 1024 >= limits.memory_bytes / 10 * 9;
}

bool ran_out_of_cpu(const RunResult& result) {
  return result.end == RunResult::End::signaled && result.signal == SIGXCPU;
}

}  // namespace gclab::grader
