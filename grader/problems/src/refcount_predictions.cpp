// P1: the student's five predictions of sys.getrefcount(data) in track_refcount(), graded blank by
// blank against what the engine measured, each wrong blank explained by who holds the references.
//
// The program (its grader probe, probes/P1-predict-refcounts.cpp) reports one line per step:
//   {"kind":"refcount","step":"after_ref1","value":3,
//    "holders":["data (local)","ref1 (local)","getrefcount's own argument"]}
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <regex>
#include <string_view>
#include <variant>

#include "gclab/grader/problem_checks.hpp"
#include "report_lines.hpp"
#include "scorecard.hpp"
#include "student_yaml.hpp"

namespace gclab::grader {

namespace {

using problems::ReportLines;

/// The blanks of answers.yaml, in the order the notebook's TODOs number them.
constexpr std::array<std::string_view, 5> kSteps = {"initial", "after_ref1", "after_ref2",
                                                    "after_del_ref1", "after_return"};

struct Measured {
  long long value = 0;
  std::vector<std::string> holders;
};
using Measurements = std::map<std::string, Measured, std::less<>>;

/// The probe (probes/P1-predict-refcounts.cpp) describes holders in English, with a few fixed
/// words; in Korean those words are translated, and a name (data, ref1) or a type stays as it is.
std::string holder_words(const std::string& words, Lang lang) {
  if (lang == Lang::en) return words;
  static const std::map<std::string, std::string, std::less<>> korean = {
      {"local", "지역 변수"},
      {"global", "전역 변수"},
      {"getrefcount's own argument", "getrefcount 자신의 인자"},
      {"a reference the probe cannot name", "채점기가 이름을 댈 수 없는 참조"}};
  if (const auto it = korean.find(words); it != korean.end()) return it->second;
  // "a list that contains it": the probe's phrase for a container holding the object.
  static const std::regex container("a (.+) that contains it");
  std::smatch m;
  if (std::regex_match(words, m, container)) return fmt::format("그 객체를 담은 {}", m[1].str());
  return words;
}

/// "data (local)", "ref1 (local)", "getrefcount's own argument" reads as
/// "data, ref1 (locals) + getrefcount's own argument": neighbours of one kind share their label.
std::string explain_holders(const std::vector<std::string>& holders, Lang lang) {
  struct Group {
    std::string kind;  // empty: a holder described in full
    std::vector<std::string> names;
  };
  std::vector<Group> groups;
  for (const std::string& holder : holders) {
    const auto open = holder.rfind(" (");
    const bool labelled = open != std::string::npos && holder.back() == ')';
    std::string kind = labelled ? holder.substr(open + 2, holder.size() - open - 3) : "";
    std::string name = labelled ? holder.substr(0, open) : holder_words(holder, lang);
    if (labelled && !groups.empty() && groups.back().kind == kind) {
      groups.back().names.push_back(std::move(name));
    } else {
      groups.push_back({std::move(kind), {std::move(name)}});
    }
  }
  std::string text;
  for (const Group& g : groups) {
    if (!text.empty()) text += " + ";
    text += fmt::format("{}", fmt::join(g.names, ", "));
    // Korean nouns take no plural ending.
    if (!g.kind.empty())
      text += fmt::format(" ({}{})", holder_words(g.kind, lang), lang == Lang::en && g.names.size() > 1 ? "s" : "");
  }
  return text;
}

/// Each step's measurement, or why the report cannot be used.
std::variant<Measurements, std::string> measurements(const ReportLines& report, Lang lang) {
  Measurements by_step;
  for (const nlohmann::json* line : report.of_kind("refcount")) {
    const auto step = problems::string_field(*line, "step");
    const auto value = problems::int_field(*line, "value");
    const auto holders = problems::strings_field(*line, "holders");
    if (!step || !value || !holders)
      return tr(lang, "refcount 줄에 step, value, holders 가운데 빠진 것이 있습니다",
                "a refcount line lacks its step, value or holders");
    // Every reference is someone's: a count that its holders do not add up to was not measured.
    if (*value != static_cast<long long>(holders->size()))
      return tr(lang,
                fmt::format("{} 단계는 참조가 {}개라고 보고하지만 참조를 가진 쪽은 {}개만 댑니다", *step, *value,
                            holders->size()),
                fmt::format("step {} reports {} references but names {} holders", *step, *value, holders->size()));
    by_step[*step] = {*value, *holders};
  }
  for (std::string_view step : kSteps)
    if (!by_step.contains(step))
      return tr(lang, fmt::format("{} 단계의 refcount가 없습니다", step), fmt::format("there is no refcount for step {}", step));
  return by_step;
}

/// The instructor's rubric may pin the values (CPython 3.11's, `expected: {initial: 2, ...}`): a
/// measurement that differs means the run was disturbed, and it is not graded. The message does not
/// say the pinned value: a hidden check's feedback reaches students (Gradescope), its expected
/// values must not.
std::optional<std::string> disagrees_with_pinned(const YAML::Node& with, const Measurements& measured, Lang lang) {
  const YAML::Node expected = with ? with["expected"] : YAML::Node();
  if (!expected || !expected.IsMap()) return std::nullopt;
  for (std::string_view step : kSteps) {
    const YAML::Node want = expected[std::string(step)];
    if (!want) continue;
    const long long got = measured.find(step)->second.value;
    const long long pinned = want.as<long long>(-1);  // -1: not a number, never a refcount
    if (pinned != got)
      return tr(lang,
                fmt::format("프로그램이 {1} 단계에서 잰 값({0})은 노트북의 track_refcount()에서 CPython 3.11이 주는 "
                            "값과 다릅니다. 실행이 교란되었으므로 예측을 채점할 수 없습니다.",
                            got, step),
                fmt::format("The program measured {} at step {}, which is not what CPython 3.11 gives for the "
                            "notebook's track_refcount(): the run was disturbed, so the predictions cannot be graded.",
                            got, step));
  }
  return std::nullopt;
}

/// One blank of answers.yaml against the measured refcount; a wrong one explained by its holders.
void grade_blank(problems::Scorecard& card, std::string_view step, const YAML::Node& answer, const Measured& m,
                 Lang lang) {
  if (problems::is_blank(answer)) {
    card.add(1, false, tr(lang, fmt::format("{}: 아직 답하지 않았습니다", step), fmt::format("{}: not answered yet", step)));
    return;
  }
  long long said = 0;
  try {
    said = answer.as<long long>();
  } catch (const YAML::Exception&) {
    const std::string written = YAML::Dump(answer);
    card.add(1, false,
             tr(lang, fmt::format("{}: `{}`은(는) 정수가 아닙니다", step, written),
                fmt::format("{}: `{}` is not a whole number", step, written)));
    return;
  }
  const std::string holders = explain_holders(m.holders, lang);
  card.add(1, said == m.value,
           tr(lang, fmt::format("{}: {}(이)라고 답했지만 실제로는 {}입니다: {}", step, said, m.value, holders),
              fmt::format("{}: you said {}, it is {}: {}", step, said, m.value, holders)));
}

}  // namespace

ProblemVerdict check_refcount_predictions(const ProblemRun& run) {
  const ReportLines report = problems::read_report(run.report);
  if (report.defect) return problems::no_credit(problems::unreadable_report_message(*report.defect));
  auto measured_or_error = measurements(report, run.lang);
  if (auto* error = std::get_if<std::string>(&measured_or_error))
    return problems::no_credit(problems::unreadable_report_message(*error));
  const Measurements& measured = std::get<Measurements>(measured_or_error);
  if (auto why = disagrees_with_pinned(run.with, measured, run.lang)) return problems::no_credit(*why);

  const problems::StudentFile answers =
      problems::read_student_yaml(run.exercise_dir, run.with, "answers", "answers.yaml", run.lang);
  if (answers.error) return problems::no_credit(*answers.error);

  problems::Scorecard card;
  for (std::string_view step : kSteps)
    grade_blank(card, step, answers.map[std::string(step)], measured.find(step)->second, run.lang);
  for (const auto& entry : answers.map) {
    const std::string key = entry.first.as<std::string>();
    if (std::find(kSteps.begin(), kSteps.end(), key) == kSteps.end())
      card.note(tr(run.lang,
                   fmt::format("{}: `{}`은(는) 빈칸 이름이 아닙니다 (빈칸: {})", answers.path.filename().string(), key,
                               fmt::join(kSteps, ", ")),
                   fmt::format("{}: `{}` is not one of the blanks ({})", answers.path.filename().string(), key,
                               fmt::join(kSteps, ", "))));
  }
  return card.verdict();
}

}  // namespace gclab::grader
