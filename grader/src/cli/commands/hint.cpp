// gclab hint <ex>: one more of the rubric's progressive hints each time (remembered in the
// progress file); the ones already seen are shown again above the new one.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "progress/progress.hpp"

namespace gclab::grader::cli {

namespace {

int run_hint(App& app, const std::string& typed) {
  const std::string name = app.resolve(typed);
  const Rubric rubric = app.course().rubric(name, false);
  const Style style{app.lang(), app.color()};
  if (rubric.hints.empty()) {
    fmt::print("{}\n", tr(app.lang(), "이 연습에는 힌트가 없습니다.", "This exercise has no hints."));
    return kOk;
  }
  Progress progress = Progress::load(app.course().build_dir());
  const std::size_t already = static_cast<std::size_t>(progress.get(name).hints_shown);
  const std::size_t shown = std::min(already + 1, rubric.hints.size());
  if (already < rubric.hints.size()) {
    progress.next_hint(name);
    progress.save();
  }
  for (std::size_t i = 0; i < shown; ++i) {
    const std::string label = tr(app.lang(), fmt::format("힌트 {}/{}", i + 1, rubric.hints.size()),
                                 fmt::format("hint {}/{}", i + 1, rubric.hints.size()));
    const std::string text = rubric.hints[i].in(app.lang());
    fmt::print("{} {}\n", i + 1 == shown ? style.bold(label + ":") : style.dim(label + ":"), text);
  }
  if (shown == rubric.hints.size() && already >= rubric.hints.size())
    fmt::print("{}\n", style.dim(tr(app.lang(), "(마지막 힌트입니다)", "(that was the last hint)")));
  return kOk;
}

}  // namespace

void add_hint_command(CLI::App& cli, App& app) {
  auto exercise = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand("hint", "the next hint for an exercise");
  cmd->add_option("exercise", *exercise, "exercise folder name or unique prefix")->required();
  cmd->callback([&app, exercise] { app.exit_code = run_hint(app, *exercise); });
}

}  // namespace gclab::grader::cli
