// gclab's JSON report, schema version kJsonSchemaVersion (grader/README.md, "Outputs").
#include <nlohmann/json.hpp>

#include "report/formats.hpp"

namespace gclab::grader::report {

namespace {

nlohmann::json nullable(const std::string& text) { return text.empty() ? nlohmann::json() : nlohmann::json(clean_text(text)); }

nlohmann::json check_json(const CheckResult& r, Lang lang) {
  return {{"id", r.id},
          {"kind", std::string(kind_name(r.kind))},
          {"visibility", std::string(visibility_name(r.visibility))},
          {"points", r.points},
          {"earned", r.earned},
          {"outcome", std::string(outcome_id(r.outcome))},
          {"explanation", clean_text(r.explanation)},
          {"feedback", clean_text(r.feedback.in(lang))}};
}

}  // namespace

std::string to_json(const BatchReport& report, Lang lang) {
  nlohmann::json submissions = nlohmann::json::array();
  for (const SubmissionReport& s : report.submissions) {
    nlohmann::json exercises = nlohmann::json::array();
    for (const ExerciseReport& e : s.exercises) {
      nlohmann::json checks = nlohmann::json::array();
      for (const CheckResult& r : e.grade.results) checks.push_back(check_json(r, lang));
      exercises.push_back({{"exercise", e.grade.exercise},
                           {"title", clean_text(e.title)},
                           {"earned", e.grade.earned()},
                           {"possible", e.grade.possible()},
                           {"seconds", e.seconds},
                           {"attempt", std::string(attempt_id(e.grade.attempt))},
                           {"error", nullable(e.error)},
                           {"checks", std::move(checks)}});
    }
    submissions.push_back({{"id", clean_text(s.id)},
                           {"origin", clean_text(s.origin)},
                           {"content_hash", s.content_hash},
                           {"earned", s.earned()},
                           {"possible", s.possible()},
                           {"all_passed", s.all_passed()},
                           {"missing", exercises_with(s, Attempt::missing)},
                           {"not_attempted", exercises_with(s, Attempt::not_attempted)},
                           {"error", nullable(s.error)},
                           {"exercises", std::move(exercises)}});
  }
  const nlohmann::json doc = {{"schema", "gclab-grade-report"},
                              {"schema_version", kJsonSchemaVersion},
                              {"seconds", report.seconds},
                              {"isolation", nullable(report.isolation)},
                              {"error", nullable(report.error)},
                              {"submissions", std::move(submissions)}};
  return doc.dump(2) + "\n";
}

}  // namespace gclab::grader::report
