#include "checks/grade.hpp"

#include <fmt/format.h>

#include <map>

#include "checks/kinds.hpp"

namespace gclab::grader {

namespace {

CheckResult run_check(CheckEnv& env, const Check& check) {
  switch (check.kind) {
    case CheckKind::compiles: return check_compiles(env, check);
    case CheckKind::output_matches: return check_output_matches(env, check);
    case CheckKind::catch2: return check_catch2(env, check);
    case CheckKind::refcount_predictions:
    case CheckKind::cycle_freed_by_weakref:
    case CheckKind::profiling_report:
    case CheckKind::threshold_experiment: return check_problem(env, check);
  }
  return {};
}

/// Why a check cannot run, if one of its dependencies did not pass.
std::optional<std::string> blocked_by(const Check& check, const std::map<std::string, Outcome>& outcomes, Lang lang) {
  for (const std::string& dep : check.depends_on) {
    const auto it = outcomes.find(dep);
    // A dependency that was not selected (a hidden check when grading visible ones) cannot have
    // passed either.
    const Outcome outcome = it == outcomes.end() ? Outcome::skipped : it->second;
    if (outcome == Outcome::passed) continue;
    return tr(lang, fmt::format("건너뜀: {} {}", dep, outcome_label(outcome, lang)),
              fmt::format("skipped: {} {}", dep,
                          outcome == Outcome::failed    ? std::string("failed")
                          : outcome == Outcome::skipped ? std::string("was skipped")
                                                        : "ended in " + outcome_label(outcome, lang)));
  }
  return std::nullopt;
}

}  // namespace

bool selected(const Check& check, bool hidden) { return hidden || check.visibility == Visibility::visible; }

GradeReport grade(const std::string& exercise, const std::vector<Check>& checks, CheckEnv& env,
                  const std::function<void(const CheckResult&)>& on_result,
                  const std::map<std::string, CheckResult>& known) {
  GradeReport report{exercise, {}};
  std::map<std::string, Outcome> outcomes;
  for (const Check& check : checks) {
    CheckResult result;
    if (auto it = known.find(check.id); it != known.end()) {
      result = it->second;
    } else if (auto reason = blocked_by(check, outcomes, env.lang)) {
      result.outcome = Outcome::skipped;
      result.explanation = *reason;
    } else {
      try {
        result = run_check(env, check);
      } catch (const std::exception& e) {
        result = {};
        result.outcome = Outcome::failed;
        result.explanation = tr(env.lang, "채점기 오류: ", "grader error: ") + e.what();
      }
    }
    result.id = check.id;
    result.kind = check.kind;
    result.visibility = check.visibility;
    result.points = check.points;
    if (result.outcome == Outcome::passed) result.earned = check.points;
    else if (result.outcome != Outcome::failed) result.earned = 0;  // only a failed run can earn part
    result.earned = std::clamp(result.earned, 0.0, static_cast<double>(check.points));
    if (result.outcome != Outcome::passed) result.feedback = check.feedback;
    outcomes[check.id] = result.outcome;
    if (on_result) on_result(result);
    report.results.push_back(std::move(result));
  }
  return report;
}

namespace {

std::string why_not_attempted(Attempt attempt, Lang lang) {
  return attempt == Attempt::missing
             ? tr(lang, "제출물에 이 연습의 파일이 없습니다", "the hand-in has no file of this exercise")
             : tr(lang, "이 연습의 파일이 처음 받은 스텁 그대로입니다 (주석과 공백 말고는): 점수가 없습니다",
                  "this exercise's files are the stub as handed out (comments and whitespace aside): it earns nothing");
}

}  // namespace

void mark_not_attempted(GradeReport& report, Attempt attempt, Lang lang) {
  report.attempt = attempt;
  for (CheckResult& r : report.results) {
    r.earned = 0;
    if (r.outcome != Outcome::passed) continue;
    r.outcome = Outcome::not_attempted;
    r.explanation = why_not_attempted(attempt, lang);
    r.pictures.clear();
  }
}

GradeReport not_attempted(const std::string& exercise, const std::vector<Check>& checks, Attempt attempt, Lang lang) {
  GradeReport report{exercise, {}, attempt};
  const std::string why = why_not_attempted(attempt, lang);
  for (const Check& check : checks) {
    CheckResult result = result_of(Outcome::not_attempted, why);
    result.id = check.id;
    result.kind = check.kind;
    result.visibility = check.visibility;
    result.points = check.points;
    report.results.push_back(std::move(result));
  }
  return report;
}

}  // namespace gclab::grader
