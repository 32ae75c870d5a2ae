// GitHub Classroom's autograding: the reporter action sums each runner's tests' `score` against its
// `max_score` and shows each test with its `message`; it reads a runner's result from the
// environment, base64-encoded (the form its own runner actions write to their `result` output).
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <fmt/format.h>

#include "report/formats.hpp"

namespace gclab::grader::report {

namespace {

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(bytes.data()),
                                static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

}  // namespace

std::string to_classroom(const SubmissionReport& submission, Lang lang) {
  nlohmann::json tests = nlohmann::json::array();
  for (const ExerciseReport& e : submission.exercises) {
    for (const CheckResult& r : e.grade.results) {
      const bool passed = r.outcome == Outcome::passed;
      tests.push_back({{"name", clean_text(fmt::format("{} / {}", e.title.empty() ? e.grade.exercise : e.title, r.id))},
                       {"status", passed ? "pass" : "fail"},
                       {"score", r.earned},
                       {"max_score", r.points},
                       {"message", passed ? std::string() : check_output(r, lang)}});
    }
  }
  const nlohmann::json doc = {{"version", 1},
                              {"status", submission.all_passed() ? "pass" : "fail"},
                              {"max_score", submission.possible()},
                              {"tests", std::move(tests)}};
  return base64(doc.dump());
}

}  // namespace gclab::grader::report
