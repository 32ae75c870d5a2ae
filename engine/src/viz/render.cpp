// Running Graphviz's `dot` program: the picture out into the file, what dot says on stderr kept
// for the error message.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gclab/errors.hpp"
#include "gclab/viz.hpp"

extern char** environ;

namespace gclab::viz {

namespace {

/// Closes a file descriptor on every path.
class Fd {
 public:
  explicit Fd(int fd = -1) noexcept : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const noexcept { return fd_; }
  void reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

void write_file(const std::filesystem::path& out, const std::string& text) {
  std::ofstream file(out, std::ios::binary);
  file << text;
  if (!file.flush()) throw OSError(fmt::format("cannot write {}", out.string()));
}

std::string read_all(int fd) {
  std::string text;
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return text;
    }
  }
}

/// A fresh temporary file (mkstemps), removed with the object.
class TempFile {
 public:
  explicit TempFile(const char* suffix)
      : path_((std::filesystem::temp_directory_path() / "gclab-viz-XXXXXX").string() + suffix) {
    const int fd = ::mkstemps(path_.data(), static_cast<int>(std::strlen(suffix)));
    if (fd < 0) throw OSError(fmt::format("cannot create a temporary file: {}", std::strerror(errno)));
    ::close(fd);
  }
  ~TempFile() { ::unlink(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

/// `dot -T<format> -o<out> <input>`. The DOT text goes through a temporary file rather than
/// dot's stdin: were dot to stop reading early, writing into its pipe would raise SIGPIPE in the
/// student's program.
void run_dot(const std::string& dot, const std::string& format, const std::string& out) {
  TempFile input(".dot");
  write_file(input.path(), dot);

  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) throw OSError(std::strerror(errno));
  Fd err_read(err_pipe[0]), err_write(err_pipe[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_write.get(), STDERR_FILENO);
  const std::string type = "-T" + format;
  const std::string output = "-o" + out;
  std::string input_path = input.path();
  std::vector<char*> argv{const_cast<char*>("dot"), const_cast<char*>(type.c_str()),
                          const_cast<char*>(output.c_str()), input_path.data(), nullptr};
  pid_t pid = 0;
  const int spawned = ::posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    throw OSError(fmt::format("cannot run Graphviz's dot program ({}): install the Debian package graphviz",
                              std::strerror(spawned)));
  }
  err_write.reset();
  const std::string complaint = read_all(err_read.get());
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      throw OSError("cannot run Graphviz's dot program: install the Debian package graphviz");
    }
    throw OSError(fmt::format("Graphviz's dot failed on {}: {}", out, complaint));
  }
}

}  // namespace

void render(const std::string& dot, const std::filesystem::path& out) {
  const std::string format = out.extension().string();
  if (format == ".dot" || format == ".gv") return write_file(out, dot);
  if (format != ".svg" && format != ".png" && format != ".pdf") {
    throw ValueError(fmt::format("viz::render: cannot tell the format from '{}' (use .svg, .png, .pdf or .dot)",
                                 out.string()));
  }
  run_dot(dot, format.substr(1), out.string());
}

std::string to_svg(const std::string& dot) {
  TempFile out(".svg");
  run_dot(dot, "svg", out.path());
  std::ifstream in(out.path(), std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  std::string svg = text.str();
  // dot's SVG starts with an XML declaration and a DOCTYPE; inline in HTML only <svg> counts.
  if (const auto at = svg.find("<svg"); at != std::string::npos) svg.erase(0, at);
  return svg;
}

}  // namespace gclab::viz
