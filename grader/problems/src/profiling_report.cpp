// P3: the student's tracemalloc profile of process_data(1000). The program prints the top lines of
// after.compare_to(before, "lineno") as CPython prints StatisticDiffs:
//   exercises/P3-profile-process-data/process_data.hpp:31: size=860 KiB (+860 KiB), count=2001 (+2001), average=440 B
// and the grader's probe (probes/P3-profile-process-data.cpp) reports the engine's own profile of
// process_data(1000), taken the same way:
//   {"kind":"profile_reference","stats":["exercises/.../process_data.hpp:31: size=860 KiB ...", ...]}
// Judged: the format of the printed lines, that the top one is the line that builds `data`
// ([i] * 100 per item), and that its sizes and counts are the engine's.
//
// Only the top line's numbers are compared: the lines below it can differ between two runs of
// process_data in one process (the first run creates the small ints the second finds cached).
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>

#include "gclab/grader/problem_checks.hpp"
#include "report_lines.hpp"
#include "scorecard.hpp"

namespace gclab::grader {

namespace {

constexpr double kFormat = 0.3;    // the printed lines read as StatisticDiffs, no more than asked
constexpr double kTopLine = 0.35;  // the top line is the one that builds data
constexpr double kTopSizes = 0.35;  // its sizes and counts are the engine's

/// One line as CPython's StatisticDiff.__str__ writes it.
struct Stat {
  std::string where;  ///< "file:line"
  std::string text;   ///< the whole line
};

std::optional<Stat> parse_stat(const std::string& line) {
  // _format_size: "120 B", "46.9 KiB", "860 KiB"; signed in the parentheses. No average when count is 0.
  static const std::string size = R"(\d+(?:\.\d+)? (?:B|KiB|MiB|GiB|TiB))";
  static const std::string signed_size = R"([+-]\d+(?:\.\d+)? (?:B|KiB|MiB|GiB|TiB))";
  static const std::regex pattern("^(.+:\\d+): size=" + size + " \\(" + signed_size + "\\), count=\\d+ \\([+-]\\d+\\)" +
                                  "(?:, average=" + size + ")?$");
  std::smatch m;
  if (!std::regex_match(line, m, pattern)) return std::nullopt;
  return Stat{m[1].str(), line};
}

std::vector<Stat> printed_stats(const std::string& stdout_text) {
  std::vector<Stat> stats;
  std::istringstream in(stdout_text);
  for (std::string line; std::getline(in, line);)
    if (auto stat = parse_stat(line)) stats.push_back(*stat);
  return stats;
}

/// The source text at "dir/file.hpp:31", looked up in the exercise folder ("" if unreadable), so
/// that a message can show the student the line it means.
std::string source_line(const std::filesystem::path& exercise_dir, const std::string& where) {
  const auto colon = where.rfind(':');
  std::ifstream in(exercise_dir / std::filesystem::path(where.substr(0, colon)).filename());
  const int wanted = std::atoi(where.c_str() + colon + 1);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (n == wanted) return line.substr(std::min(line.find_first_not_of(' '), line.size()));
  }
  return "";
}

}  // namespace

ProblemVerdict check_profiling_report(const ProblemRun& run) {
  const problems::ReportLines report = problems::read_report(run.report);
  if (report.defect) return problems::no_credit(problems::unreadable_report_message(*report.defect));
  const nlohmann::json* reference_line = report.last_of_kind("profile_reference");
  const auto reference_texts = reference_line ? problems::strings_field(*reference_line, "stats") : std::nullopt;
  if (!reference_texts || reference_texts->empty() || !report.last_of_kind("probe_done"))
    return problems::no_credit(problems::unreadable_report_message(
        tr(run.lang, "채점기가 직접 잰 process_data(1000)의 프로파일이 끝나지 않았습니다",
           "the grader's own profile of process_data(1000) did not finish")));
  std::vector<Stat> reference;
  for (const std::string& text : *reference_texts) {
    auto stat = parse_stat(text);
    if (!stat)
      return problems::no_credit(problems::unreadable_report_message(
          tr(run.lang, "probe가 보고한 프로파일의 한 줄이 깨져 있습니다", "a line of the probe's profile is garbled")));
    reference.push_back(*stat);
  }
  const Stat& top = reference.front();
  const std::size_t asked = run.with && run.with["top"] ? run.with["top"].as<std::size_t>(10) : 10;
  const std::vector<Stat> printed = printed_stats(run.stdout_text);

  problems::Scorecard card;
  card.add(kFormat, !printed.empty() && printed.size() <= asked,
           printed.empty()
               ? tr(run.lang,
                    fmt::format("출력에 tracemalloc 통계처럼 보이는 줄이 없습니다 (`process_data.hpp:12: "
                                "size=1024 B (+1024 B), count=2 (+2), average=512 B`): "
                                "after->compare_to(*before, \"lineno\")의 상위 {}개를 하나씩 "
                                "print(\"{{}}\", stat)로 출력하세요.",
                                asked),
                    fmt::format("No line of the output reads like a tracemalloc statistic (`process_data.hpp:12: "
                                "size=1024 B (+1024 B), count=2 (+2), average=512 B`): print each of the top {} of "
                                "after->compare_to(*before, \"lineno\") with print(\"{{}}\", stat).",
                                asked))
               : tr(run.lang, fmt::format("통계를 {}개 출력했습니다. 문제는 상위 {}개를 요구합니다.", printed.size(), asked),
                    fmt::format("You printed {} statistics; the problem asks for the top {}.", printed.size(), asked)));
  if (printed.empty()) return card.verdict();

  const std::string code = source_line(run.exercise_dir, top.where);
  const std::string shown_code = code.empty() ? "" : fmt::format(" (`{}`)", code);
  card.add(kTopLine, printed.front().where == top.where,
           tr(run.lang,
              fmt::format("여러분의 첫 줄은 {}이지만, 가장 많이 할당하는 줄은 data를 만드는 {}{}입니다. "
                          "\"실행 후\" 스냅샷은 data와 lookup이 아직 살아 있을 때 찍으세요: process_data가 "
                          "돌아온 뒤가 아니라, process_data에 넘기는 람다 안에서 찍어야 합니다.",
                          printed.front().where, top.where, shown_code),
              fmt::format("Your top line is {}, but the line that allocates the most is {}{}, the one that builds "
                          "data. Take the \"after\" snapshot while data and lookup are still alive: inside the "
                          "lambda you pass to process_data, not after it returns.",
                          printed.front().where, top.where, shown_code)));
  const auto mine = std::find_if(printed.begin(), printed.end(), [&](const Stat& s) { return s.where == top.where; });
  card.add(kTopSizes, mine != printed.end() && mine->text == top.text,
           mine == printed.end()
               ? tr(run.lang, fmt::format("여러분이 출력한 줄에 {}이(가) 없어서 크기를 비교할 수 없습니다.", top.where),
                    fmt::format("{} is not among your lines, so its sizes cannot be compared.", top.where))
               : tr(run.lang,
                    fmt::format("{} 줄을 여러분은 이렇게 출력했지만\n  {}\n엔진이 직접 찍은 process_data(1000)의 "
                                "스냅샷은 이렇습니다\n  {}",
                                top.where, mine->text, top.text),
                    fmt::format("For {} you printed\n  {}\nbut the engine's own snapshot of process_data(1000) says\n  {}",
                                top.where, mine->text, top.text)));
  return card.verdict();
}

}  // namespace gclab::grader
