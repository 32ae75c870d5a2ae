// gclab progress: how far the student is, in one screen.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "progress/progress.hpp"

namespace gclab::grader::cli {

namespace {

int run_progress(App& app) {
  const Style style{app.lang(), app.color()};
  const Progress progress = Progress::load(app.course().build_dir());
  const std::vector<std::string> names = app.course().exercises();
  std::size_t done = 0;
  std::size_t failing = 0;
  double earned = 0;
  int possible = 0;
  for (const std::string& name : names) {
    const ExerciseProgress p = progress.get(name);
    done += p.status == Status::done;
    failing += p.status == Status::failing;
    earned += p.earned;
    possible += p.possible;
  }
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = names.empty() ? 0 : done * kWidth / names.size();
  std::string bar;
  for (std::size_t i = 0; i < kWidth; ++i) bar += i < filled ? "█" : "░";
  fmt::print("{} {}/{}\n", style.green(bar), done, names.size());
  fmt::print("{}\n", tr(app.lang(),
                        fmt::format("완료 {}, 실패 중 {}, 시작 전 {}; 검사한 연습의 점수 {}", done, failing,
                                    names.size() - done - failing, format_points(earned, possible)),
                        fmt::format("{} done, {} failing, {} not started; points on the exercises checked so far: {}", done,
                                    failing, names.size() - done - failing, format_points(earned, possible))));
  for (const std::string& name : names) {
    if (progress.get(name).status == Status::done) continue;
    fmt::print("{}\n", tr(app.lang(), fmt::format("다음: gclab check {}", name), fmt::format("next: gclab check {}", name)));
    break;
  }
  return kOk;
}

}  // namespace

void add_progress_command(CLI::App& cli, App& app) {
  CLI::App* cmd = cli.add_subcommand("progress", "how many exercises are done, and which one is next");
  cmd->callback([&app] { app.exit_code = run_progress(app); });
}

}  // namespace gclab::grader::cli
