// gclab selftest [<ex>...]: proves the rubrics right before students meet them. For each
// exercise, on every check (visible, hidden, after due date):
//   - the reference solution scores 100%;
//   - the stub's program, as shipped, scores 0 on every check except `compiles` (which it passes:
//     stubs always build), so no check can be passed without doing the exercise;
//   - handed in as it is, the stub is judged not attempted (and then earns nothing at all).
// Prints the scoreboard; exit status 0 only if every exercise holds all three.
#include <fmt/format.h>

#include <algorithm>

#include "cli/app.hpp"
#include "checks/kinds.hpp"
#include "cli/print_report.hpp"
#include "runner/git.hpp"

namespace gclab::grader::cli {

namespace {

/// Why the stub's result breaks the rule, if it does.
std::optional<std::string> stub_problem(const GradeReport& report, Lang lang) {
  for (const CheckResult& r : report.results) {
    if (r.kind == CheckKind::compiles && r.outcome != Outcome::passed)
      return tr(lang, fmt::format("스텁이 {}를 통과하지 못함: ", r.id), fmt::format("the stub fails {}: ", r.id)) + r.explanation;
    if (r.kind != CheckKind::compiles && (r.earned > 0 || r.outcome == Outcome::passed))
      return tr(lang, fmt::format("스텁이 {}에서 점수를 얻음", r.id), fmt::format("the stub earns points on {}", r.id));
  }
  return std::nullopt;
}

std::optional<std::string> solution_problem(const GradeReport& report, Lang lang) {
  for (const CheckResult& r : report.results)
    if (r.outcome != Outcome::passed)
      return tr(lang, fmt::format("답안이 {}에서 {}: ", r.id, outcome_label(r.outcome, lang)),
                fmt::format("the solution's {} {}: ", r.id, outcome_label(r.outcome, lang))) +
             r.explanation;
  return std::nullopt;
}

/// The stub half is only meaningful for the stub as shipped: say so when it was edited.
bool stub_edited(const Course& course, const std::string& name) {
  const RunResult r = run_git({"-C", course.root().string(), "diff", "--quiet", "HEAD", "--", "exercises/" + name + "/exercise.cpp"});
  return r.end == RunResult::End::exited && r.exit_code == 1;
}

int run_selftest(App& app, const std::vector<std::string>& typed) {
  app.require_full_course("selftest");
  app.require_build_dir();
  std::vector<std::string> names;
  for (const std::string& t : typed) names.push_back(app.resolve(t));
  if (names.empty())
    for (const std::string& name : app.course().exercises())
      if (std::filesystem::exists(app.course().visible_rubric(name))) names.push_back(name);

  // Proving nothing is not a pass: a wrong --root must not look like success.
  if (names.empty())
    throw EnvironmentError(tr(app.lang(), fmt::format("{}에 루브릭이 있는 연습이 없습니다", app.course().root().string()),
                              fmt::format("no exercise with a rubric under {}", app.course().root().string())));
  const Style style{app.lang(), app.color()};
  fmt::print("{}\n", style.bold(fmt::format("  {:<28} {:>10} {:>10}", tr(app.lang(), "연습", "exercise"),
                                            tr(app.lang(), "답안", "solution"), tr(app.lang(), "스텁", "stub"))));
  std::size_t good = 0;
  std::size_t unchecked = 0;
  for (const std::string& name : names) {
    const Rubric rubric = app.course().rubric(name, true);
    if (std::any_of(rubric.checks.begin(), rubric.checks.end(), [](const Check& c) { return !kind_available(c.kind); })) {
      // Not a failure of the rubric or the solution: this gclab cannot judge it at all.
      ++unchecked;
      fmt::print("  {:<28} {}\n", name, style.yellow(tr(app.lang(), "검사 안 함: 이 gclab은 grader/problems 없이 빌드됨",
                                                        "not checked: this gclab was built without grader/problems")));
      continue;
    }
    const GradeReport solution = app.grade(rubric, Against::solution, true);
    const GradeReport stub = app.grade(rubric, Against::exercise, true, {}, /*run_stub=*/true);
    std::vector<std::string> problems;
    if (auto p = solution_problem(solution, app.lang())) problems.push_back(*p);
    if (auto p = stub_problem(stub, app.lang())) problems.push_back(*p);
    std::string note;
    if (stub_edited(app.course(), name)) {
      note = style.dim(tr(app.lang(), "  (스텁이 HEAD와 다름)", "  (stub edited since HEAD)"));
    } else if (app.course().attempt(name) != Attempt::not_attempted) {
      problems.push_back(tr(app.lang(), "스텁 그대로인 연습이 '시도하지 않음'으로 판정되지 않음",
                            "the untouched stub is not judged 'not attempted'"));
    }
    const bool ok = problems.empty();
    good += ok;
    fmt::print("  {:<28} {:>10} {:>10}  {}{}\n", name, format_points(solution.earned(), solution.possible()),
               format_points(stub.earned(), stub.possible()), ok ? style.green("✓") : style.red("✗"), note);
    for (const std::string& p : problems) fmt::print("      {}\n", style.red(p));
  }
  const std::size_t checked = names.size() - unchecked;
  fmt::print("{}\n", style.bold(tr(app.lang(), fmt::format("selftest: {}/{}개 연습 정상", good, checked),
                                   fmt::format("selftest: {}/{} exercises OK", good, checked))));
  return good == checked ? kOk : kNotPassed;
}

}  // namespace

void add_selftest_command(CLI::App& cli, App& app) {
  auto exercises = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = cli.add_subcommand("selftest", "instructors: solutions score 100%, stubs score 0 except compiles");
  cmd->add_option("exercise", *exercises, "only these exercises (default: every one with a rubric)");
  cmd->callback([&app, exercises] { app.exit_code = run_selftest(app, *exercises); });
}

}  // namespace gclab::grader::cli
