#include "checks/outcome.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gclab::grader {

std::string_view outcome_id(Outcome outcome) {
  switch (outcome) {
    case Outcome::passed: return "passed";
    case Outcome::failed: return "failed";
    case Outcome::build_error: return "build_error";
    case Outcome::timeout: return "timeout";
    case Outcome::memory_limit: return "memory_limit";
    case Outcome::crashed: return "crashed";
    case Outcome::skipped: return "skipped";
    case Outcome::not_attempted: return "not_attempted";
  }
  return "?";
}

std::string_view attempt_id(Attempt attempt) {
  switch (attempt) {
    case Attempt::attempted: return "attempted";
    case Attempt::not_attempted: return "not_attempted";
    case Attempt::missing: return "missing";
  }
  return "?";
}

std::string outcome_label(Outcome outcome, Lang lang) {
  switch (outcome) {
    case Outcome::passed: return tr(lang, "통과", "passed");
    case Outcome::failed: return tr(lang, "실패", "failed");
    case Outcome::build_error: return tr(lang, "빌드 오류", "build error");
    case Outcome::timeout: return tr(lang, "시간 초과", "timeout");
    case Outcome::memory_limit: return tr(lang, "메모리 초과", "memory limit");
    case Outcome::crashed: return tr(lang, "비정상 종료", "crashed");
    case Outcome::skipped: return tr(lang, "건너뜀", "skipped");
    case Outcome::not_attempted: return tr(lang, "시도하지 않음", "not attempted");
  }
  return "?";
}

double GradeReport::earned() const {
  double sum = 0;
  for (const CheckResult& r : results) sum += r.earned;
  return sum;
}

int GradeReport::possible() const {
  int sum = 0;
  for (const CheckResult& r : results) sum += r.points;
  return sum;
}

bool GradeReport::all_passed() const {
  for (const CheckResult& r : results)
    if (r.outcome != Outcome::passed) return false;
  return true;
}

std::string format_points(double earned, int possible) {
  if (std::abs(earned - std::round(earned)) < 1e-9) return fmt::format("{}/{}", std::lround(earned), possible);
  return fmt::format("{:.1f}/{}", earned, possible);
}

}  // namespace gclab::grader
