// gclab reset <ex> [--yes]: put the stub back as the course ships it (exercises/<ex>/exercise.cpp
// as git has it: Course::stub_text), after asking -- the student's work is overwritten.
#include <fmt/format.h>

#include <fstream>
#include <iostream>

#include "cli/app.hpp"

namespace gclab::grader::cli {

namespace {

int run_reset(App& app, const std::string& typed, bool yes) {
  const std::string name = app.resolve(typed);
  const std::filesystem::path file = app.course().exercise_source(name);
  const std::optional<std::string> stub = app.course().stub_text(name, "exercise.cpp");
  if (!stub)
    throw EnvironmentError(tr(app.lang(), "git에서 원래 스텁을 읽을 수 없습니다", "cannot read the original stub from git"));
  if (!yes) {
    fmt::print("{}", tr(app.lang(), fmt::format("{}의 내용을 지우고 처음 스텁으로 되돌릴까요? [y/N] ", file.string()),
                        fmt::format("Overwrite {} with the original stub? Your changes will be lost. [y/N] ", file.string())));
    std::fflush(stdout);
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      fmt::print("{}\n", tr(app.lang(), "취소했습니다.", "Cancelled."));
      return kOk;
    }
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << *stub;
  fmt::print("{}\n", tr(app.lang(), fmt::format("{}을(를) 되돌렸습니다.", name), fmt::format("{} is back to its stub.", name)));
  return kOk;
}

}  // namespace

void add_reset_command(CLI::App& cli, App& app) {
  auto exercise = std::make_shared<std::string>();
  auto yes = std::make_shared<bool>(false);
  CLI::App* cmd = cli.add_subcommand("reset", "restore an exercise's stub (asks first)");
  cmd->add_option("exercise", *exercise, "exercise folder name or unique prefix")->required();
  cmd->add_flag("--yes,-y", *yes, "do not ask");
  cmd->callback([&app, exercise, yes] { app.exit_code = run_reset(app, *exercise, *yes); });
}

}  // namespace gclab::grader::cli
