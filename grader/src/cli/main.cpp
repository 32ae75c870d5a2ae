// gclab: the student's command line -- list, run, check, hint, reset, watch, progress, predict --
// and the instructor's: validate, selftest, check --hidden.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "rubric/error.hpp"

int main(int argc, char** argv) {
  using namespace gclab::grader::cli;
  App app;
  CLI::App cli{"gclab: exercises, checks and hints for the course on Python's memory management"};
  cli.require_subcommand(1);
  cli.add_option("--lang", app.lang_option, "ko | en (default: from LC_ALL / LC_MESSAGES / LANG)")
      ->check(CLI::IsMember({"ko", "en"}));
  cli.add_option("--root", app.root_option, "the course folder (default: found upwards from here)");
  cli.add_option("--build-dir", app.build_dir_option, "the CMake build directory (default: build/dev)");
  cli.add_flag("--no-color", app.no_color, "plain output even on a terminal");
  cli.parse_complete_callback([&app] { app.start(); });
  // The global options also work after the command (`gclab check 02.1 --lang ko`): subcommands
  // made from here on pass the options they do not know to this parser.
  cli.fallthrough();

  add_list_command(cli, app);
  add_run_command(cli, app);
  add_check_command(cli, app);
  add_hint_command(cli, app);
  add_reset_command(cli, app);
  add_watch_command(cli, app);
  add_progress_command(cli, app);
  add_validate_command(cli, app);
  add_selftest_command(cli, app);
  add_predict_command(cli, app);
  add_grade_command(cli, app);
  add_export_command(cli, app);
  add_gradescope_package_command(cli, app);
  add_release_command(cli, app);

  try {
    cli.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return cli.exit(e);  // --help
  } catch (const CLI::ParseError& e) {
    cli.exit(e);
    return kUsage;
  } catch (const gclab::grader::RubricError& e) {
    fmt::print(stderr, "{}\n", e.what());
    return kBadRubric;
  } catch (const UsageError& e) {
    fmt::print(stderr, "gclab: {}\n", e.what());
    return kUsage;
  } catch (const EnvironmentError& e) {
    fmt::print(stderr, "gclab: {}\n", e.what());
    return kEnvironment;
  }
  return app.exit_code;
}
