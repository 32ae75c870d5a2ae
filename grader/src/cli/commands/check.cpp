// gclab check [<ex>...] [--hidden] [--against exercise|solution]: grade and explain.
#include <fmt/format.h>

#include <fstream>

#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "html/page.hpp"
#include "report/formats.hpp"

namespace gclab::grader::cli {

namespace {

struct CheckOptions {
  std::vector<std::string> exercises;
  bool hidden = false;
  std::string against = "exercise";
  std::string html;  ///< also write the HTML report there
  std::string classroom_output;  ///< append `result=<GitHub Classroom payload>` to this file
};

int run_check(App& app, const CheckOptions& options) {
  if (options.hidden) app.require_full_course("check --hidden");
  if (options.against == "solution") app.require_full_course("check --against solution");
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
  report::SubmissionReport submission;
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
    submission.exercises.push_back({rubric.title.in(app.lang()), report, 0, {}});
  }
  if (names.size() > 1)
    fmt::print("{}\n", style.bold(tr(app.lang(), "합계: ", "total: ") + format_points(earned, possible)));
  if (!options.html.empty()) {
    html::write_page(options.html, html::student_page(sections, app.lang(), tr(app.lang(), "gclab 채점 결과", "gclab check")));
    fmt::print("{} file://{}\n", tr(app.lang(), "HTML 보고서:", "HTML report:"),
               std::filesystem::absolute(options.html).string());
  }
  if (!options.classroom_output.empty()) {
    // A step's output in GitHub Actions ($GITHUB_OUTPUT): the score is the data, so once it is
    // written the step succeeds, as a Gradescope run does.
    std::ofstream out(options.classroom_output, std::ios::app);
    out << "result=" << report::to_classroom(submission, app.lang()) << '\n';
    if (!out) throw EnvironmentError(fmt::format("cannot write {}", options.classroom_output));
    return kOk;
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
  cmd->add_option("--classroom-output", options->classroom_output,
                  "CI: append the results for GitHub Classroom's autograding reporter (result=<base64>) to this file, "
                  "e.g. $GITHUB_OUTPUT; then exit 0");
  cmd->callback([&app, options] { app.exit_code = run_check(app, *options); });
}

}  // namespace gclab::grader::cli
