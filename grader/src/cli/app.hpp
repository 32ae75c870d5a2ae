// What every `gclab` command shares: the global options, the course, the builder, and grading one
// exercise the way `check`, `watch` and `selftest` all do.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "cli/cli11.hpp"

#include "build/builder.hpp"
#include "checks/context.hpp"
#include "checks/outcome.hpp"
#include "course/course.hpp"
#include "text/lang.hpp"

namespace gclab::grader::cli {

/// gclab's exit statuses (documented in grader/README.md).
enum Exit : int {
  kOk = 0,             ///< done; for check/selftest: every check passed
  kNotPassed = 1,      ///< some check did not pass (or selftest found a wrong rubric/solution/stub)
  kUsage = 2,          ///< bad command line: unknown option, unknown exercise
  kBadRubric = 3,      ///< a rubric is malformed: `file:line:column: message` on stderr
  kEnvironment = 4,    ///< the course cannot be used: no build directory, git missing, ...
  kFault = 5,          ///< the grader or its sandbox failed (grade: the report says where)
};

/// A command-line mistake, reported with exit status kUsage.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
/// The course cannot be used as it is, reported with exit status kEnvironment.
struct EnvironmentError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class App {
 public:
  // Global options, filled in by CLI11.
  std::string lang_option;
  std::optional<std::string> root_option;
  std::optional<std::string> build_dir_option;
  bool no_color = false;
  int exit_code = kOk;

  /// Called once the command line is parsed.
  void start();

  Lang lang() const { return lang_; }
  bool color() const { return color_; }
  const Course& course() const { return *course_; }
  CMakeBuilder& builder() { return *builder_; }

  /// An exercise name as typed ("02.1", "p1") to its folder name; UsageError if none or several.
  std::string resolve(const std::string& typed) const;
  /// UsageError-free check that the build directory is configured (EnvironmentError otherwise).
  void require_build_dir() const;
  /// An instructor's command needs the full course (solutions/, grader/hidden/): in a student
  /// course (this one, or the one given), EnvironmentError saying so.
  void require_full_course(const std::string& command) const { require_full_course(command, course()); }
  void require_full_course(const std::string& command, const Course& course) const;

  /// What the checks need to grade `exercise` against its exercise or its solution.
  CheckEnv env_for(const std::string& exercise, Against against);

  /// Grades `rubric`'s exercise against its exercise or its solution; `hidden` runs the
  /// instructor's checks too (`rubric` must then have been loaded with them). `on_result` sees
  /// each result as soon as it is known. An exercise still the stub is not attempted and earns
  /// nothing, unless `run_stub` (selftest: the stub's program must earn nothing by itself either).
  GradeReport grade(const Rubric& rubric, Against against, bool hidden,
                    const std::function<void(const CheckResult&)>& on_result = {}, bool run_stub = false);
  /// Grades the student's exercise on its visible checks and records the result in the progress file.
  GradeReport grade_and_record(const Rubric& rubric, const std::function<void(const CheckResult&)>& on_result = {});

 private:
  Lang lang_ = Lang::en;
  bool color_ = false;
  std::optional<Course> course_;
  std::unique_ptr<CMakeBuilder> builder_;
};

// Each command adds its subcommand to `cli`; its callback sets app.exit_code.
void add_list_command(CLI::App& cli, App& app);
void add_run_command(CLI::App& cli, App& app);
void add_check_command(CLI::App& cli, App& app);
void add_hint_command(CLI::App& cli, App& app);
void add_reset_command(CLI::App& cli, App& app);
void add_watch_command(CLI::App& cli, App& app);
void add_progress_command(CLI::App& cli, App& app);
void add_validate_command(CLI::App& cli, App& app);
void add_selftest_command(CLI::App& cli, App& app);
void add_predict_command(CLI::App& cli, App& app);
void add_grade_command(CLI::App& cli, App& app);
void add_export_command(CLI::App& cli, App& app);
void add_gradescope_package_command(CLI::App& cli, App& app);
void add_release_command(CLI::App& cli, App& app);

}  // namespace gclab::grader::cli
