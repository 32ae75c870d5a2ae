// results.json per Gradescope's autograder specification
// (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>

#include "report/formats.hpp"

namespace gclab::grader::report {

std::string to_gradescope(const BatchReport& report, Lang lang) {
  nlohmann::json tests = nlohmann::json::array();
  std::vector<std::string> notes;
  if (!report.isolation.empty()) notes.push_back(report.isolation);
  if (!report.error.empty()) notes.push_back(tr(lang, "채점기 오류: ", "grader error: ") + report.error);
  double score = 0;
  int max_score = 0;
  if (!report.submissions.empty()) {
    const SubmissionReport& s = report.submissions.front();
    if (!s.error.empty()) notes.push_back(tr(lang, "제출물을 읽지 못했습니다: ", "the submission could not be read: ") + s.error);
    if (const std::string note = attempt_note(s, lang); !note.empty()) notes.push_back(note);
    score = s.earned();
    max_score = s.possible();
    for (std::size_t ei = 0; ei < s.exercises.size(); ++ei) {
      const ExerciseReport& e = s.exercises[ei];
      if (!e.error.empty()) notes.push_back(fmt::format("{}: {}{}", e.grade.exercise, tr(lang, "채점기 오류: ", "grader error: "), e.error));
      for (std::size_t ci = 0; ci < e.grade.results.size(); ++ci) {
        const CheckResult& r = e.grade.results[ci];
        const std::string outcome(outcome_id(r.outcome));
        tests.push_back({{"name", clean_text(fmt::format("{} / {}", e.title.empty() ? e.grade.exercise : e.title, r.id))},
                         {"number", fmt::format("{}.{}", ei + 1, ci + 1)},
                         {"score", r.earned},
                         {"max_score", r.points},
                         {"status", r.outcome == Outcome::passed ? "passed" : "failed"},
                         {"output", r.outcome == Outcome::passed ? std::string() : check_output(r, lang)},
                         {"visibility", std::string(visibility_name(r.visibility))},
                         {"tags", {e.grade.exercise, std::string(kind_name(r.kind)), outcome}}});
      }
    }
  }
  std::string output;
  for (const std::string& note : notes) output += (output.empty() ? "" : "\n") + note;
  const nlohmann::json doc = {{"score", score},
                              {"max_score", max_score},
                              {"execution_time", static_cast<long>(std::lround(report.seconds))},
                              {"output", clean_text(output)},
                              {"visibility", "visible"},
                              {"stdout_visibility", "hidden"},
                              {"tests", std::move(tests)}};
  return doc.dump(2) + "\n";
}

}  // namespace gclab::grader::report
