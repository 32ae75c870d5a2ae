#include "runner/sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>

extern char** environ;

namespace gclab::grader {

namespace {

using Clock = std::chrono::steady_clock;

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

std::vector<std::string> merged_environment(const RunRequest& request) {
  std::map<std::string, std::string> vars;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry = *e;
    const auto eq = entry.find('=');
    if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& [name, value] : request.env) vars[name] = value;
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

/// In the child, between fork and exec: only async-signal-safe calls. Reports a failure to start
/// through `status_fd` (the parent sees EOF on it when exec succeeds, thanks to O_CLOEXEC).
[[noreturn]] void become_program(const RunRequest& request, char* const* argv, char* const* envp, int out_fd,
                                 int err_fd, int null_fd, int status_fd) {
  setpgid(0, 0);  // our own group, so a timeout can kill everything the program started
  if (request.limits.memory_bytes > 0) {
    const rlimit as{request.limits.memory_bytes, request.limits.memory_bytes};
    setrlimit(RLIMIT_AS, &as);
  }
  const rlimit no_core{0, 0};  // a crashing student program should not litter core files
  setrlimit(RLIMIT_CORE, &no_core);
  dup2(null_fd, STDIN_FILENO);
  dup2(out_fd, STDOUT_FILENO);
  dup2(err_fd, STDERR_FILENO);
  // Default dispositions: the grader may ignore SIGPIPE, the program must not inherit that.
  signal(SIGPIPE, SIG_DFL);
  if (!request.cwd.empty() && chdir(request.cwd.c_str()) != 0) {
    const int e = errno;
    (void)!write(status_fd, &e, sizeof e);
    _exit(127);
  }
  execve(argv[0], argv, envp);
  const int e = errno;
  (void)!write(status_fd, &e, sizeof e);
  _exit(127);
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

}  // namespace

RunResult run_sandboxed(const RunRequest& request) {
  RunResult result;
  if (request.argv.empty()) {
    result.err = "no program to run";
    return result;
  }
  // Everything the child needs is prepared before fork: it may only call async-signal-safe
  // functions afterwards.
  std::vector<std::string> args = request.argv;
  std::vector<std::string> env = merged_environment(request);
  std::vector<char*> argv = c_strings(args);
  std::vector<char*> envp = c_strings(env);

  Pipe out, err, status;
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (!out.open() || (!request.merge_stderr && !err.open()) || !status.open() || null_fd < 0) {
    result.err = std::string("cannot create pipes: ") + std::strerror(errno);
    return result;
  }

  const auto start = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    result.err = std::string("fork failed: ") + std::strerror(errno);
    return result;
  }
  if (pid == 0)
    become_program(request, argv.data(), envp.data(), out.write, request.merge_stderr ? out.write : err.write,
                   null_fd, status.write);

  setpgid(pid, pid);  // also here: whichever of parent and child runs first, the group exists
  close_fd(out.write);
  close_fd(err.write);
  close_fd(status.write);
  int null_copy = null_fd;
  close_fd(null_copy);

  int start_errno = 0;
  const bool exec_failed = ::read(status.read, &start_errno, sizeof start_errno) == sizeof start_errno;
  close_fd(status.read);

  const auto deadline = start + request.limits.timeout;
  bool timed_out = false;
  bool out_open = true;
  bool err_open = err.read >= 0;
  while (out_open || err_open) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      timed_out = true;
      kill(-pid, SIGKILL);
      break;
    }
    pollfd fds[2];
    nfds_t count = 0;
    if (out_open) fds[count++] = {out.read, POLLIN, 0};
    if (err_open) fds[count++] = {err.read, POLLIN, 0};
    const int ready = poll(fds, count, static_cast<int>(std::min<long long>(left, 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (nfds_t i = 0; i < count; ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      if (fds[i].fd == out.read) out_open = drain(out.read, result.out, request.limits.output_bytes, result.truncated);
      else err_open = drain(err.read, result.err, request.limits.output_bytes, result.truncated);
    }
  }
  close_fd(out.read);
  close_fd(err.read);

  // Both pipes are closed: the program has exited or closed them. Wait for it up to the deadline.
  int wait_status = 0;
  rusage usage{};
  while (true) {
    const pid_t done = wait4(pid, &wait_status, timed_out ? 0 : WNOHANG, &usage);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) break;
    if (!timed_out && Clock::now() >= deadline) {
      timed_out = true;
      kill(-pid, SIGKILL);
      continue;
    }
    if (!timed_out) usleep(2000);
  }
  kill(-pid, SIGKILL);  // anything the program left behind in its group goes with it

  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  result.max_rss_kib = usage.ru_maxrss;
  if (exec_failed) {
    result.end = RunResult::End::not_started;
    result.err = "cannot run " + request.argv[0] + ": " + std::strerror(start_errno);
  } else if (timed_out) {
    result.end = RunResult::End::timed_out;
  } else if (WIFSIGNALED(wait_status)) {
    result.end = RunResult::End::signaled;
    result.signal = WTERMSIG(wait_status);
  } else {
    result.end = RunResult::End::exited;
    result.exit_code = WEXITSTATUS(wait_status);
  }
  return result;
}

bool ran_out_of_memory(const RunResult& result, const RunLimits& limits) {
  if (limits.memory_bytes == 0 || result.succeeded() || result.end == RunResult::End::timed_out ||
      result.end == RunResult::End::not_started)
    return false;
  for (const std::string* text : {&result.out, &result.err})
    for (const char* marker : {"std::bad_alloc", "MemoryError", "Cannot allocate memory", "out of memory"})
      if (text->find(marker) != std::string::npos) return true;
  // A program that touches what it allocates reaches the limit in resident memory too.
  return static_cast<std::size_t>(result.max_rss_kib) * 1024 >= limits.memory_bytes / 10 * 9;
}

}  // namespace gclab::grader
