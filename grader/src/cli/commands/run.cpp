// gclab run <ex> [-- args]: build the exercise (only its target) and run it, as the student would
// by hand, with the terminal as its stdin/stdout.
#include <fmt/format.h>
#include <unistd.h>

#include <cstring>

#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "text/lines.hpp"

namespace gclab::grader::cli {

namespace {

struct RunOptions {
  std::string exercise;
  std::vector<std::string> args;
  bool solution = false;
};

int run_run(App& app, const RunOptions& options) {
  app.require_build_dir();
  const std::string name = app.resolve(options.exercise);
  if (options.solution) app.require_full_course("run --solution");
  const Subject subject = app.course().subject(name, options.solution ? Against::solution : Against::exercise);
  const Style style{app.lang(), app.color()};
  fmt::print(stderr, "{}\n", style.dim(tr(app.lang(), fmt::format("{} 빌드 중...", subject.target),
                                          fmt::format("building {}...", subject.target))));
  const BuildResult build = app.builder().build(subject.target);
  if (!build.ok) {
    fmt::print(stderr, "{}\n{}\n", style.red(tr(app.lang(), "빌드 오류. 컴파일러의 첫 오류:", "build error; the compiler's first error:")),
               indent(build.first_error));
    return kNotPassed;
  }
  std::vector<std::string> argv = {subject.program.string()};
  argv.insert(argv.end(), options.args.begin(), options.args.end());
  std::vector<char*> c_argv;
  for (std::string& a : argv) c_argv.push_back(a.data());
  c_argv.push_back(nullptr);
  std::fflush(nullptr);
  execv(c_argv[0], c_argv.data());
  throw EnvironmentError(fmt::format("cannot run {}: {}", argv[0], std::strerror(errno)));
}

}  // namespace

void add_run_command(CLI::App& cli, App& app) {
  auto options = std::make_shared<RunOptions>();
  CLI::App* cmd = cli.add_subcommand("run", "build an exercise and run it (arguments after -- go to the program)");
  cmd->add_option("exercise", options->exercise, "exercise folder name or unique prefix")->required();
  cmd->add_option("args", options->args, "passed to the program, e.g. -- --cell 8");
  cmd->add_flag("--solution", options->solution, "run the reference solution instead");
  cmd->callback([&app, options] { app.exit_code = run_run(app, *options); });
}

}  // namespace gclab::grader::cli
