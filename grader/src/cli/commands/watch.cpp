// gclab watch: rustlings' loop -- on every save in exercises/<ex>/, rebuild that exercise only and
// re-check it. inotify watches exercises/ and each exercise folder (inotify is not recursive).
#include <fmt/format.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <map>
#include <set>

#include "cli/app.hpp"
#include "cli/print_report.hpp"

namespace gclab::grader::cli {

namespace {

/// Editors write temporaries (.swp, ~, 4913, .#x) next to the file; only real sources count.
bool relevant(const std::string& file) {
  return file.ends_with(".cpp") || file.ends_with(".hpp") || file.ends_with(".h") || file.ends_with(".yaml");
}

class Watcher {
 public:
  explicit Watcher(const Course& course) : fd_(inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
    if (fd_ < 0) throw EnvironmentError("inotify is not available");
    for (const std::string& name : course.exercises()) {
      const int wd = inotify_add_watch(fd_, course.exercise_dir(name).c_str(), IN_CLOSE_WRITE | IN_MOVED_TO);
      if (wd >= 0) folders_[wd] = name;
    }
  }
  ~Watcher() { ::close(fd_); }
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  /// Blocks until some exercise's source is saved; returns the exercises saved within a short
  /// quiet period (an editor's save is several events; a "save all" touches several folders).
  std::set<std::string> wait_for_saves() {
    std::set<std::string> saved;
    while (saved.empty()) collect(-1, saved);
    while (collect(300, saved)) {
    }
    return saved;
  }

 private:
  /// Reads the events that arrive within `timeout_ms`; returns whether any arrived.
  bool collect(int timeout_ms, std::set<std::string>& saved) {
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return false;
    alignas(inotify_event) char buffer[8192];
    const ssize_t n = ::read(fd_, buffer, sizeof buffer);
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      const std::string file = event->len > 0 ? event->name : "";
      if (relevant(file))
        if (auto it = folders_.find(event->wd); it != folders_.end()) saved.insert(it->second);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
    return n > 0;
  }

  int fd_;
  std::map<int, std::string> folders_;
};

int run_watch(App& app, bool once) {
  app.require_build_dir();
  const Style style{app.lang(), app.color()};
  Watcher watcher(app.course());
  fmt::print("{}\n", style.dim(tr(app.lang(), "exercises/를 지켜보는 중: 파일을 저장하면 그 연습을 다시 빌드하고 검사합니다 (Ctrl-C로 끝)",
                                  "watching exercises/: save a file to rebuild and re-check its exercise (Ctrl-C to stop)")));
  std::fflush(stdout);
  int status = kOk;
  do {
    for (const std::string& name : watcher.wait_for_saves()) {
      app.builder().forget();  // the sources changed: build again (ninja keeps it incremental)
      if (app.color()) fmt::print("\033[2J\033[H");
      const Rubric rubric = app.course().rubric(name, false);
      ReportPrinter printer(style);
      printer.header(name, rubric.title.in(app.lang()));
      const GradeReport report = app.grade_and_record(rubric, [&printer](const CheckResult& r) { printer.result(r); });
      printer.summary(report);
      if (report.all_passed())
        fmt::print("{}\n", style.green(tr(app.lang(), "다 통과했습니다! 다음 연습: gclab list", "All passed! Next: gclab list")));
      std::fflush(stdout);
      status = report.all_passed() ? kOk : kNotPassed;
    }
  } while (!once);
  return status;
}

}  // namespace

void add_watch_command(CLI::App& cli, App& app) {
  auto once = std::make_shared<bool>(false);
  CLI::App* cmd = cli.add_subcommand("watch", "re-check an exercise each time one of its files is saved");
  cmd->add_flag("--once", *once, "stop after the first re-check (for scripts and tests)");
  cmd->callback([&app, once] { app.exit_code = run_watch(app, *once); });
}

}  // namespace gclab::grader::cli
