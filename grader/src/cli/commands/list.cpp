// gclab list: the table of contents, in notebook order, with each exercise's state.
#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "progress/progress.hpp"
#include "rubric/error.hpp"
#include "text/display_width.hpp"

namespace gclab::grader::cli {

namespace {

/// The state column: done / failing (with the last score) / not started.
std::string state_of(const ExerciseProgress& p, const Style& style) {
  switch (p.status) {
    case Status::done: return style.green(tr(style.lang, "완료", "done"));
    case Status::failing:
      return style.red(tr(style.lang, "실패 중", "failing")) + " " + style.dim(format_points(p.earned, p.possible));
    case Status::not_started: break;
  }
  return style.dim(tr(style.lang, "시작 전", "not started"));
}

int run_list(App& app) {
  const Style style{app.lang(), app.color()};
  const Progress progress = Progress::load(app.course().build_dir());
  std::vector<std::pair<std::string, std::string>> rows;  // folder, title
  std::size_t name_columns = 0, title_columns = 0;
  for (const std::string& name : app.course().exercises()) {
    std::string title;
    try {
      title = app.course().rubric(name, false).title.in(app.lang());
    } catch (const RubricError&) {
      title = tr(app.lang(), "(루브릭 없음 또는 오류: gclab validate)", "(no rubric, or a broken one: gclab validate)");
    }
    name_columns = std::max(name_columns, display_width(name));
    title_columns = std::max(title_columns, display_width(title));
    rows.emplace_back(name, std::move(title));
  }
  for (const auto& [name, title] : rows)
    fmt::print("  {}  {}  {}\n", pad_to(name, name_columns), pad_to(title, title_columns),
               state_of(progress.get(name), style));
  return kOk;
}

}  // namespace

void add_list_command(CLI::App& cli, App& app) {
  CLI::App* cmd = cli.add_subcommand("list", "the exercises in notebook order, with done / failing / not started");
  cmd->callback([&app] { app.exit_code = run_list(app); });
}

}  // namespace gclab::grader::cli
