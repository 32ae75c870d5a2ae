#include "cli/app.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <unistd.h>

#include <cstdlib>

#include "checks/grade.hpp"
#include "progress/progress.hpp"
#include "text/nearest.hpp"

namespace gclab::grader::cli {

namespace fs = std::filesystem;

namespace {

/// The build directory gclab itself was built in, if it is one: build/dev/gclab grades build/dev.
std::optional<fs::path> own_build_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  if (fs::exists(exe.parent_path() / "CMakeCache.txt")) return exe.parent_path();
  return std::nullopt;
}

}  // namespace

void App::start() {
  lang_ = lang_option.empty() ? lang_from_environment() : parse_lang(lang_option);
  color_ = !no_color && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  std::optional<fs::path> build_dir;
  if (build_dir_option) build_dir = fs::path(*build_dir_option);
  else if (!root_option) build_dir = own_build_dir();
  course_ = Course::locate(root_option ? std::optional<fs::path>(*root_option) : std::nullopt, build_dir);
  builder_ = std::make_unique<CMakeBuilder>(course_->build_dir(), course_->root());
}

std::string App::resolve(const std::string& typed) const {
  if (auto name = course().resolve(typed)) return *name;
  const std::vector<std::string> names = course().exercises();
  std::string message = tr(lang_, fmt::format("'{}'에 해당하는 연습이 없습니다 (또는 여럿입니다)", typed),
                           fmt::format("no single exercise matches '{}'", typed));
  std::vector<std::string> candidates;
  for (const std::string& name : names) {
    if (name.starts_with(typed)) candidates.push_back(name);
  }
  if (candidates.size() > 1) {
    message += tr(lang_, fmt::format(": {} 중 하나를 고르세요", fmt::join(candidates, ", ")),
                  fmt::format(": one of {}", fmt::join(candidates, ", ")));
  } else if (auto near = nearest_name(typed, names)) {
    message += tr(lang_, fmt::format("; '{}'인가요?", *near), fmt::format("; did you mean '{}'?", *near));
  }
  message += tr(lang_, "\n`gclab list`로 목록을 보세요", "\nsee `gclab list`");
  throw UsageError(message);
}

void App::require_build_dir() const {
  if (course().configured()) return;
  throw EnvironmentError(tr(lang_,
                            fmt::format("빌드 폴더 {}가 없습니다. 먼저 scripts/setup을 실행하세요 (또는 --build-dir)",
                                        course().build_dir().string()),
                            fmt::format("no build directory at {}: run scripts/setup first (or pass --build-dir)",
                                        course().build_dir().string())));
}

void App::require_full_course(const std::string& command, const Course& course) const {
  if (course.full()) return;
  throw EnvironmentError(tr(lang_,
                            fmt::format("`gclab {}`는 강사용 명령입니다: 참고 답안이 있는 전체 과정에서 실행하세요 "
                                        "(여기는 학생용 과정입니다)", command),
                            fmt::format("`gclab {}` is an instructor's command: run it in the full course, which has the "
                                        "reference solutions (this is the student course)", command)));
}

CheckEnv App::env_for(const std::string& exercise, Against against) {
  return gclab::grader::env_for(*builder_, course(), exercise, against, lang_);
}

GradeReport App::grade(const Rubric& rubric, Against against, bool hidden,
                       const std::function<void(const CheckResult&)>& on_result, bool run_stub) {
  require_build_dir();
  std::vector<Check> checks;
  for (const Check& c : rubric.checks)
    if (selected(c, hidden)) checks.push_back(c);
  CheckEnv env = env_for(rubric.exercise, against);
  // The student's own score is the one an instructor's grading gives: a stub earns nothing. Its
  // checks still run, so that a student starting out sees what each one expects.
  if (against == Against::exercise && !run_stub) {
    if (const Attempt attempt = course().attempt(rubric.exercise); attempt != Attempt::attempted) {
      GradeReport report = gclab::grader::grade(rubric.exercise, checks, env);
      mark_not_attempted(report, attempt, lang_);
      if (on_result)
        for (const CheckResult& r : report.results) on_result(r);
      return report;
    }
  }
  return gclab::grader::grade(rubric.exercise, checks, env, on_result);
}

GradeReport App::grade_and_record(const Rubric& rubric, const std::function<void(const CheckResult&)>& on_result) {
  GradeReport report = grade(rubric, Against::exercise, false, on_result);
  Progress progress = Progress::load(course().build_dir());
  progress.record_check(rubric.exercise, report.earned(), report.possible(), report.all_passed());
  progress.save();
  return report;
}

}  // namespace gclab::grader::cli
