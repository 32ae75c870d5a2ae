// P4: the student's GC threshold experiment. For each setting the student's program reports
//   {"kind":"threshold_run","threshold":[700,10,10],"seconds":0.012,"collections":[130,11,1],
//    "peak":1407809,"peak_unit":"bytes"}
// and the grader's probe (probes/P4-gc-thresholds.cpp), in the same process afterwards, runs the
// same workload itself and reports what the engine's schedule did:
//   {"kind":"threshold_reference","threshold":[700,10,10],"collections":[130,11,1],
//    "peak":1407809,"peak_unit":"bytes","workload":{"rounds":100,"count":1000}}
// Peaks are judged by their order only, so a student may measure them in another unit (live
// gc-tracked objects, say) and name it in "peak_unit".
// The schedule is deterministic (CPython 3.11's rules), so the student's counts must be exact.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <regex>
#include <variant>

#include "gclab/grader/problem_checks.hpp"
#include "report_lines.hpp"
#include "scorecard.hpp"
#include "student_yaml.hpp"

namespace gclab::grader {

namespace {

using Triple = std::vector<long long>;

// Shares of the check's points.
constexpr double kCountsPerSetting = 0.15;  // exact collections, for each of the three settings
constexpr double kPeaksOrder = 0.15;        // the peaks grow with the thresholds
constexpr double kPerAnswer = 0.2;          // each of the two answers of conclusion.yaml

std::string show(const Triple& t) { return fmt::format("({})", fmt::join(t, ", ")); }
std::string show_counts(const Triple& t) { return fmt::format("{}", fmt::join(t, "/")); }

long long total(const Triple& t) {
  long long sum = 0;
  for (long long v : t) sum += v;
  return sum;
}

/// What the grader's probe measured for one setting.
struct Reference {
  Triple threshold;
  Triple collections;
  long long peak = 0;    // tracemalloc's peak, in bytes
  std::string workload;  // "100 rings of 1000 nodes"
};

/// What the student's program measured for one setting.
struct Measured {
  Triple threshold;
  Triple collections;
  double peak = 0;  // in the student's "peak_unit"; only the order of the peaks is judged
  std::string peak_unit;
  double seconds = 0;
};

/// The probe's reference lines, or why there are none to trust.
std::variant<std::vector<Reference>, std::string> read_references(const problems::ReportLines& report, Lang lang) {
  std::vector<Reference> refs;
  for (const nlohmann::json* line : report.of_kind("threshold_reference")) {
    const auto threshold = problems::ints_field(*line, "threshold");
    const auto collections = problems::ints_field(*line, "collections");
    const auto peak = problems::int_field(*line, "peak");
    if (!threshold || threshold->size() != 3 || !collections || collections->size() != 3 || !peak)
      return tr(lang, "probe가 보고한 줄 하나에 필드가 빠져 있습니다", "a line of the probe's report lacks a field");
    const nlohmann::json workload = line->value("workload", nlohmann::json::object());
    const int rounds = workload.value("rounds", 0), count = workload.value("count", 0);
    refs.push_back({*threshold, *collections, *peak,
                    tr(lang, fmt::format("노드 {}개짜리 고리 {}개", count, rounds),
                       fmt::format("{} rings of {} nodes", rounds, count))});
  }
  if (refs.empty() || !report.last_of_kind("probe_done"))
    return tr(lang, "채점기가 작업을 직접 돌려 본 기준 실행이 끝나지 않았습니다",
              "the grader's reference run of the workload did not finish");
  return refs;
}

/// The numbers a YAML answer or key writes: "100, 5, 5", "(100, 5, 5)", [100, 5, 5], 100.
std::vector<long long> numbers_in(const YAML::Node& node) {
  std::vector<long long> numbers;
  if (node.IsSequence()) {
    for (const YAML::Node& item : node) numbers.push_back(item.as<long long>(-1));
  } else if (node.IsScalar()) {
    static const std::regex number("[0-9]{1,18}");  // 18 digits always fit a long long
    const std::string text = node.Scalar();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), number); it != std::sregex_iterator(); ++it)
      numbers.push_back(std::stoll(it->str()));
  }
  return numbers;
}

/// The instructor's rubric may pin the counts (CPython's own for this workload, `expected:
/// {"700, 10, 10": [130, 11, 1], ...}`): a reference run that differs was disturbed by the program
/// before it (objects frozen or kept alive, say), and nothing it says can be trusted. The message
/// does not say CPython's counts: a hidden check's feedback reaches students, its expected values
/// must not.
std::optional<std::string> disagrees_with_pinned(const YAML::Node& with, const std::vector<Reference>& refs,
                                                 Lang lang) {
  const YAML::Node expected = with ? with["expected"] : YAML::Node();
  if (!expected || !expected.IsMap()) return std::nullopt;
  for (const auto& entry : expected) {
    const Triple setting = numbers_in(entry.first);
    const Triple counts = numbers_in(entry.second);
    const auto ref = std::find_if(refs.begin(), refs.end(), [&](const Reference& r) { return r.threshold == setting; });
    if (ref == refs.end())
      return tr(lang, fmt::format("채점기의 기준 실행에 {} 설정이 없습니다", show(setting)),
                fmt::format("the grader's reference run has no setting {}", show(setting)));
    if (ref->collections != counts)
      return tr(lang,
                fmt::format("채점기가 {} 설정으로 돌린 기준 실행은 {}번 수집해 CPython과 다릅니다: "
                            "프로그램이 그 전에 수집기의 상태를 바꾸었습니다 (얼린 객체, 계속 살려 둔 객체)",
                            show(setting), show_counts(ref->collections)),
                fmt::format("the grader's reference run of {} ran {} collections, not CPython's: the program "
                            "changed the collector's state (frozen objects, objects kept alive) before it",
                            show(setting), show_counts(ref->collections)));
  }
  return std::nullopt;
}

/// The unit the student named for a peak, kept short: it labels the chart's axis.
std::string peak_unit(const nlohmann::json& line) {
  const auto unit = line.find("peak_unit");
  if (unit == line.end() || !unit->is_string() || unit->get<std::string>().empty()) return "bytes";
  return unit->get<std::string>().substr(0, 24);
}

/// 1. For each setting, the student's collections per generation equal the reference exactly.
/// Returns the settings the student measured, for the peaks.
std::vector<Measured> grade_counts(problems::Scorecard& card, const problems::ReportLines& report,
                                   const std::vector<Reference>& refs, Lang lang) {
  std::vector<Measured> measured;
  for (const Reference& ref : refs) {
    const nlohmann::json* found = nullptr;  // the student's last line for this setting
    for (const nlohmann::json* line : report.of_kind("threshold_run"))
      if (problems::ints_field(*line, "threshold") == std::optional<Triple>(ref.threshold)) found = line;
    const std::string setting = show(ref.threshold);
    if (!found) {
      card.add(kCountsPerSetting, false,
               tr(lang, fmt::format("{}: 이 설정에 대한 측정이 보고되지 않았습니다", setting),
                  fmt::format("{}: no measurement was reported for this setting", setting)));
      continue;
    }
    const auto collections = problems::ints_field(*found, "collections");
    const auto peak = found->find("peak");
    const auto seconds = found->find("seconds");
    if (!collections || collections->size() != 3 || peak == found->end() || !peak->is_number() ||
        seconds == found->end() || !seconds->is_number() || seconds->get<double>() < 0) {
      card.add(kCountsPerSetting, false,
               tr(lang, fmt::format("{}: 측정에 수집 횟수, 최대 메모리, 시간 가운데 빠진 것이 있습니다", setting),
                  fmt::format("{}: the measurement lacks its collections, peak or time", setting)));
      continue;
    }
    card.add(kCountsPerSetting, *collections == ref.collections,
             tr(lang,
                fmt::format("{}: 수집 횟수를 {}(gen0/gen1/gen2)로 셌지만, 이 작업({})에서 엔진의 일정은 {}번 "
                            "수집합니다. gc.collect()부터 run_workload()가 끝날 때까지 모든 \"start\"를 "
                            "info.generation별로 세세요.",
                            setting, show_counts(*collections), ref.workload, show_counts(ref.collections)),
                fmt::format("{}: you counted {} collections (gen0/gen1/gen2), but the engine's schedule runs "
                            "{} for this workload ({}). Count every \"start\" by info.generation, from "
                            "gc.collect() to the end of run_workload().",
                            setting, show_counts(*collections), show_counts(ref.collections), ref.workload)));
    measured.push_back({ref.threshold, *collections, peak->get<double>(), peak_unit(*found),
                        seconds->get<double>()});
  }
  return measured;
}

/// The student's measurements, setting by setting, as the notebook's table shows them but drawn:
/// collections per generation, peak memory, time.
BarChart measurements_chart(const std::vector<Measured>& measured, Lang lang) {
  BarChart chart{tr(lang, "여러분이 잰 값: 임계값 설정별 수집 횟수, 최대 메모리, 시간",
                    "Your measurements per threshold setting: collections, peak memory, time"),
                 {},
                 {{tr(lang, "세대별 수집 횟수", "collections per generation"), {"gen0", "gen1", "gen2"}, {}},
                  {tr(lang, fmt::format("최대 메모리 ({})", measured.front().peak_unit),
                      fmt::format("peak memory ({})", measured.front().peak_unit)),
                   {tr(lang, "최대", "peak")},
                   {}},
                  {tr(lang, "시간 (초)", "time (s)"), {tr(lang, "시간", "time")}, {}}}};
  for (const Measured& m : measured) {
    chart.groups.push_back(show(m.threshold));
    chart.panels[0].values.push_back({});
    for (long long c : m.collections) chart.panels[0].values.back().push_back(static_cast<double>(c));
    chart.panels[1].values.push_back({m.peak});
    chart.panels[2].values.push_back({m.seconds});
  }
  return chart;
}

/// 2. The peaks grow with the thresholds: more allocations between collections, more garbage.
void grade_peaks(problems::Scorecard& card, std::vector<Measured> measured, std::size_t settings, Lang lang) {
  std::sort(measured.begin(), measured.end(),
            [](const Measured& a, const Measured& b) { return a.threshold[0] < b.threshold[0]; });
  bool grow = measured.size() == settings;
  for (std::size_t i = 1; grow && i < measured.size(); ++i) grow = measured[i - 1].peak < measured[i].peak;
  std::vector<std::string> shown;
  for (const Measured& m : measured) shown.push_back(fmt::format("{} {}", show(m.threshold), m.peak));
  const std::string peaks =
      shown.empty() ? tr(lang, "없음", "nothing") : fmt::format("{}", fmt::join(shown, ", "));
  card.add(kPeaksOrder, grow,
           tr(lang,
              fmt::format("최대 메모리(peak)는 임계값이 클수록 커져야 합니다 (임계값이 높으면 수집 전에 쓰레기가 "
                          "더 많이 쌓입니다). 그런데 여러분이 잰 값은 {}입니다. run_workload() 동안의 tracemalloc "
                          "최댓값(tracemalloc::get_traced_memory().peak)을 재세요.",
                          peaks),
              fmt::format("The peaks should grow with the thresholds (a higher threshold lets more garbage pile "
                          "up before a collection), but you measured: {}. Take tracemalloc's peak "
                          "(tracemalloc::get_traced_memory().peak) over run_workload().",
                          peaks)));
}

/// One answer of conclusion.yaml, against the setting the data singles out. An answer names a
/// setting by its three thresholds or by its first one.
void grade_answer(problems::Scorecard& card, const problems::StudentFile& conclusion, const std::string& key,
                  const std::vector<Reference>& refs, const Reference& truth, const std::string& why, Lang lang) {
  const YAML::Node answer = conclusion.map[key];
  if (problems::is_blank(answer)) {
    card.add(kPerAnswer, false, tr(lang, fmt::format("{}: 아직 답하지 않았습니다", key), fmt::format("{}: not answered yet", key)));
    return;
  }
  const std::vector<long long> numbers = numbers_in(answer);
  const auto named = std::find_if(refs.begin(), refs.end(), [&](const Reference& r) {
    return numbers == r.threshold || (numbers.size() == 1 && numbers[0] == r.threshold[0]);
  });
  if (named == refs.end()) {
    const std::string written = YAML::Dump(answer);
    card.add(kPerAnswer, false,
             tr(lang, fmt::format("{}: `{}`은(는) 세 설정 가운데 어느 것도 아닙니다 (\"700, 10, 10\"처럼 쓰세요)", key, written),
                fmt::format("{}: `{}` is none of the three settings (write it as \"700, 10, 10\")", key, written)));
    return;
  }
  card.add(kPerAnswer, named->threshold == truth.threshold,
           tr(lang,
              fmt::format("{}: {}(이)라고 답했지만 데이터가 가리키는 것은 {}입니다: {}", key, show(named->threshold),
                          show(truth.threshold), why),
              fmt::format("{}: you said {}, but the data says {}: {}", key, show(named->threshold),
                          show(truth.threshold), why)));
}

/// 3. The conclusion, graded by the data (the reference run, which the student's counts match).
void grade_conclusion(problems::Scorecard& card, const ProblemRun& run, const std::vector<Reference>& refs) {
  const problems::StudentFile conclusion =
      problems::read_student_yaml(run.exercise_dir, run.with, "conclusion", "conclusion.yaml", run.lang);
  if (conclusion.error) {
    card.add(2 * kPerAnswer, false, *conclusion.error);
    return;
  }
  const Reference& most_collections = *std::max_element(
      refs.begin(), refs.end(), [](const Reference& a, const Reference& b) { return total(a.collections) < total(b.collections); });
  const Reference& most_garbage =
      *std::max_element(refs.begin(), refs.end(), [](const Reference& a, const Reference& b) { return a.peak < b.peak; });
  const long long collections = total(most_collections.collections);
  grade_answer(card, conclusion, "collects_most_often", refs, most_collections,
               tr(run.lang, fmt::format("모두 {}번 수집했습니다", collections),
                  fmt::format("it ran {} collections in all", collections)),
               run.lang);
  grade_answer(card, conclusion, "holds_most_garbage", refs, most_garbage,
               tr(run.lang, fmt::format("최대 메모리가 {}바이트였습니다", most_garbage.peak),
                  fmt::format("its peak was {} bytes", most_garbage.peak)),
               run.lang);
}

}  // namespace

ProblemVerdict check_threshold_experiment(const ProblemRun& run) {
  const problems::ReportLines report = problems::read_report(run.report);
  if (report.defect) return problems::no_credit(problems::unreadable_report_message(*report.defect));
  auto refs_or_error = read_references(report, run.lang);
  if (auto* error = std::get_if<std::string>(&refs_or_error))
    return problems::no_credit(problems::unreadable_report_message(*error));
  const auto& refs = std::get<std::vector<Reference>>(refs_or_error);
  if (auto why = disagrees_with_pinned(run.with, refs, run.lang)) return problems::no_credit(*why);

  problems::Scorecard card;
  const std::vector<Measured> measured = grade_counts(card, report, refs, run.lang);
  grade_peaks(card, measured, refs.size(), run.lang);
  grade_conclusion(card, run, refs);
  ProblemVerdict verdict = card.verdict();
  if (!measured.empty()) verdict.charts.push_back(measurements_chart(measured, run.lang));
  return verdict;
}

}  // namespace gclab::grader
