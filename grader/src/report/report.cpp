#include "report/report.hpp"

#include <algorithm>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace gclab::grader::report {

double SubmissionReport::earned() const {
  return std::accumulate(exercises.begin(), exercises.end(), 0.0, [](double sum, const ExerciseReport& e) { return sum + e.grade.earned(); });
}

int SubmissionReport::possible() const {
  return std::accumulate(exercises.begin(), exercises.end(), 0, [](int sum, const ExerciseReport& e) { return sum + e.grade.possible(); });
}

bool SubmissionReport::all_passed() const {
  return error.empty() && std::all_of(exercises.begin(), exercises.end(), [](const ExerciseReport& e) { return e.error.empty() && e.grade.all_passed(); });
}

bool BatchReport::faulted() const {
  if (!error.empty()) return true;
  for (const SubmissionReport& s : submissions) {
    if (!s.error.empty()) return true;
    for (const ExerciseReport& e : s.exercises)
      if (!e.error.empty()) return true;
  }
  return false;
}

std::string clean_text(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c >= 0x20 || c == '\n' || c == '\t') out += static_cast<char>(c);
      ++i;
      continue;
    }
    // The length a lead byte announces, and the smallest code point of that length (overlong
    // encodings are invalid).
    const std::size_t length = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
    bool valid = length != 0 && i + length <= text.size();
    char32_t code = length == 4 ? c & 0x07u : length == 3 ? c & 0x0Fu : c & 0x1Fu;
    for (std::size_t k = 1; valid && k < length; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      valid = (cc & 0xC0) == 0x80;
      code = (code << 6) | (cc & 0x3Fu);
    }
    if (valid && length == 3) valid = code >= 0x800 && (code < 0xD800 || code > 0xDFFF) && code != 0xFFFE && code != 0xFFFF;
    if (valid && length == 4) valid = code >= 0x10000 && code <= 0x10FFFF;
    if (valid) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += kReplacement;
      ++i;
    }
  }
  return out;
}

std::vector<std::string> exercises_with(const SubmissionReport& submission, Attempt attempt) {
  std::vector<std::string> found;
  for (const ExerciseReport& e : submission.exercises)
    if (e.grade.attempt == attempt) found.push_back(e.grade.exercise);
  return found;
}

std::string attempt_note(const SubmissionReport& submission, Lang lang) {
  std::string note;
  auto add = [&](Attempt attempt, std::string_view ko, std::string_view en) {
    const std::vector<std::string> found = exercises_with(submission, attempt);
    if (found.empty()) return;
    if (!note.empty()) note += "; ";
    note += fmt::format("{}: {}", tr(lang, ko, en), fmt::join(found, ", "));
  };
  add(Attempt::missing, "제출하지 않음", "missing");
  add(Attempt::not_attempted, "시도하지 않음 (스텁 그대로)", "not attempted (the stub as handed out)");
  return clean_text(note);
}

std::string check_output(const CheckResult& result, Lang lang) {
  std::string text = result.explanation;
  const std::string& feedback = result.feedback.in(lang);
  if (!feedback.empty()) text += (text.empty() ? "" : "\n\n") + feedback;
  return clean_text(text);
}

}  // namespace gclab::grader::report
