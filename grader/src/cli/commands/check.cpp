// gclab check [<ex>...] [--hidden] [--against exercise|solution]: grade and explain.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "html/page.hpp"

namespace gclab::grader::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> exercises;
  bool hidden = false;
  std::string against = "exercise";
  std::string html;  ///< also write the HTML report there
};

int run_check(App& app, const CheckOptions& options) {
  std::vector<std::string> names;
  for (const std::string& typed : options.exercises) names.push_back(app.resolve(typed));
  if (names.empty()) names = app.course().exercises();
  const Against against = options.against == "solution" ? Against::solution : Against::exercise;
  // Only the student's own visible grade is progress; instructors' runs leave it alone.
  const bool record = against == Against::exercise && !options.hidden;

  const Style style{app.lang(), app.color()};
  double earned = 0;
  int possible = 0;
  bool all_passed = true;
  std::vector<html::ExerciseSection> sections;
  for (const std::string& name : names) {
    const Rubric rubric = app.course().rubric(name, options.hidden);
    ReportPrinter printer(style, app.course().build_dir() / "gclab-pictures" / name);
    printer.header(name, rubric.title.in(app.lang()));
    auto print = [&printer](const CheckResult& r) { printer.result(r); };
    const GradeReport report = record ? app.grade_and_record(rubric, print) : app.grade(rubric, against, options.hidden, print);
    printer.summary(report);
    earned += report.earned();
    possible += report.possible();
    all_passed = all_passed && report.all_passed();
    sections.push_back({name, rubric.title.in(app.lang()), report, {}});
  }
  if (names.size() > 1)
    fmt::print("{}\n", style.bold(tr(app.lang(), "합계: ", "total: ") + format_points(earned, possible)));
  if (!options.html.empty()) {
    html::write_page(options.html, html::student_page(sections, app.lang(), tr(app.lang(), "gclab 채점 결과", "gclab check")));
    fmt::print("{} file://{}\n", tr(app.lang(), "HTML 보고서:", "HTML report:"),
               std::filesystem::absolute(options.html).string());
  }
  return all_passed ? kOk : kNotPassed;
}

}  // namespace

void add_check_command(CLI::App& cli, App& app) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* cmd = cli.add_subcommand("check", "grade exercises (all of them if none is named)");
  cmd->add_option("exercise", options->exercises, "exercise folder names or unique prefixes (02.1, p1)");
  cmd->add_flag("--hidden", options->hidden, "instructors: also run the hidden and after-due-date checks");
  cmd->add_option("--against", options->against, "grade the exercise (default) or the reference solution")
      ->check(CLI::IsMember({"exercise", "solution"}));
  cmd->add_option("--html", options->html, "also write the results, with pictures of your heap, as an HTML page");
  cmd->callback([&app, options] { app.exit_code = run_check(app, *options); });
}

}  // namespace gclab::grader::cli
