// gclab validate <rubric...>: check rubric files alone (no build, no program run). Each file's
// role (exercise rubric or hidden rubric) and expected exercise follow from where it lies.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "rubric/load.hpp"

namespace gclab::grader::cli {

namespace {

int run_validate(App& app, const std::vector<std::string>& files) {
  for (const std::string& file : files) {
    LoadOptions options = options_for_path(file);
    if (options.role == RubricRole::hidden && options.expected_exercise) {
      // A hidden rubric may depend on its visible rubric's checks: read their ids (that file is
      // validated on its own when it is named).
      const std::filesystem::path visible = app.course().visible_rubric(*options.expected_exercise);
      if (std::filesystem::exists(visible))
        for (const Check& c : load_rubric(visible, {RubricRole::exercise, std::nullopt, {}}).checks)
          options.earlier_ids.push_back(c.id);
    }
    const Rubric rubric = load_rubric(file, options);  // throws RubricError: exit status 3
    fmt::print("{}: ok ({}, {})\n", file,
               tr(app.lang(), fmt::format("검사 {}개", rubric.checks.size()), fmt::format("checks: {}", rubric.checks.size())),
               tr(app.lang(), fmt::format("힌트 {}개", rubric.hints.size()), fmt::format("hints: {}", rubric.hints.size())));
  }
  return kOk;
}

}  // namespace

void add_validate_command(CLI::App& cli, App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = cli.add_subcommand("validate", "check rubric files (exit status 3 and file:line:column if one is malformed)");
  cmd->add_option("rubric", *files, "rubric files")->required();
  cmd->callback([&app, files] { app.exit_code = run_validate(app, *files); });
}

}  // namespace gclab::grader::cli
