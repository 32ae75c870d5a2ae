#include "cli/print_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "html/page.hpp"
#include "text/lines.hpp"

namespace gclab::grader::cli {

void ReportPrinter::header(const std::string& exercise, const std::string& title) const {
  fmt::print("{} {}\n", style_.bold(title), style_.dim("(" + exercise + ")"));
}

void ReportPrinter::result(const CheckResult& r) {
  const bool passed = r.outcome == Outcome::passed;
  const bool skipped = r.outcome == Outcome::skipped;
  const bool not_attempted = r.outcome == Outcome::not_attempted;
  const std::string mark = passed ? style_.green("✓") : skipped || not_attempted ? style_.yellow("-") : style_.red("✗");
  const std::string label = outcome_label(r.outcome, style_.lang);
  const std::string outcome = passed ? style_.green(label) : skipped ? style_.yellow(r.explanation)
                              : not_attempted                  ? style_.yellow(label)
                                                               : style_.red(label);
  const std::string hidden = r.visibility == Visibility::visible ? "" : style_.dim(" [" + std::string(visibility_name(r.visibility)) + "]");
  fmt::print("  {} {:<24} {:>7}  {}{}\n", mark, r.id, format_points(r.earned, r.points), outcome, hidden);
  if (skipped) return;
  if (not_attempted) {  // said once; the first check that failed is still explained below it
    if (!noted_not_attempted_) fmt::print("{}\n", indent(style_.yellow(r.explanation), "      "));
    noted_not_attempted_ = true;
    return;
  }
  if (!passed) {
    if (explained_) return;
    explained_ = true;  // the first problem in full; later ones are often its consequences
  }
  // A passed check explains nothing but may still say something of its pictures (a chart it
  // could not draw) and show them (P4's measurements).
  if (!r.explanation.empty()) fmt::print("{}\n", indent(r.explanation, "      "));
  if (!passed && !r.feedback.empty())
    fmt::print("{}\n", indent(style_.yellow(tr(style_.lang, "도움말: ", "advice: ") + r.feedback.in(style_.lang)), "      "));
  if (pictures_.empty()) return;
  for (std::size_t i = 0; i < r.pictures.size(); ++i) {
    try {
      const auto file = html::write_picture(r.pictures[i], pictures_ / fmt::format("{}-{}", r.id, i + 1));
      fmt::print("      {} {}\n      file://{}\n", tr(style_.lang, "그림:", "picture:"), r.pictures[i].title,
                 std::filesystem::absolute(file).string());
    } catch (const std::exception& e) {
      fmt::print("      {} {}\n", tr(style_.lang, "그림을 저장하지 못했습니다:", "could not save the picture:"), e.what());
    }
  }
}

void ReportPrinter::summary(const GradeReport& report) const {
  const std::string score = format_points(report.earned(), report.possible());
  const std::string line = tr(style_.lang, "점수: ", "score: ") + score;
  fmt::print("  {}\n", report.all_passed() ? style_.green(style_.bold(line)) : style_.bold(line));
}

}  // namespace gclab::grader::cli
