#include "html/class_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "html/page.hpp"

namespace gclab::grader::html {

namespace {

/// Every submission's earned points on one check of one exercise, in course order.
struct CheckScores {
  std::string exercise;
  std::string exercise_title;
  std::string check;
  int points = 0;
  std::vector<double> earned;
  int passed = 0;
};

std::vector<CheckScores> scores_by_check(const report::BatchReport& report) {
  std::vector<CheckScores> checks;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (const report::SubmissionReport& s : report.submissions)
    for (const report::ExerciseReport& e : s.exercises)
      for (const CheckResult& r : e.grade.results) {
        const auto key = std::make_pair(e.grade.exercise, r.id);
        auto [at, added] = index.try_emplace(key, checks.size());
        if (added) checks.push_back({e.grade.exercise, e.title, r.id, r.points, {}, 0});
        CheckScores& c = checks[at->second];
        c.earned.push_back(r.earned);
        if (r.outcome == Outcome::passed) ++c.passed;
      }
  // Grouped by exercise in the order exercises first appear, checks in rubric order within one.
  std::vector<std::string> order;
  for (const CheckScores& c : checks)
    if (std::find(order.begin(), order.end(), c.exercise) == order.end()) order.push_back(c.exercise);
  std::stable_sort(checks.begin(), checks.end(), [&order](const CheckScores& a, const CheckScores& b) {
    return std::find(order.begin(), order.end(), a.exercise) < std::find(order.begin(), order.end(), b.exercise);
  });
  return checks;
}

std::string histogram(const std::vector<ScoreBucket>& buckets, Lang lang) {
  int most = 1;
  for (const ScoreBucket& b : buckets) most = std::max(most, b.count);
  std::string out = "<div class=\"histogram\">";
  for (const ScoreBucket& b : buckets) {
    out += fmt::format(
        "<div class=\"bucket\" data-score=\"{0}\" data-count=\"{1}\" title=\"{2}\">"
        "<div class=\"bar\" style=\"height:{3}px\"></div><span class=\"count\">{1}</span>"
        "<span class=\"score\">{0}</span></div>",
        escape(b.label), b.count, escape(tr(lang, fmt::format("{}점: {}명", b.label, b.count),
                                             fmt::format("{} points: {} submissions", b.label, b.count))),
        b.count * 60 / most);
  }
  return out + "</div>";
}

std::string distribution(const report::BatchReport& report, Lang lang) {
  const std::vector<CheckScores> checks = scores_by_check(report);
  std::string out = fmt::format("<section id=\"distribution\">\n<h2>{}</h2>\n", tr(lang, "검사별 점수 분포", "Scores per check"));
  std::string exercise;
  for (const CheckScores& c : checks) {
    if (c.exercise != exercise) {
      if (!exercise.empty()) out += "</table>\n";
      exercise = c.exercise;
      out += fmt::format("<h3 id=\"dist-{}\">{} <small>({})</small></h3>\n<table class=\"overview\">\n"
                         "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
                         escape(c.exercise), escape(c.exercise_title), escape(c.exercise), tr(lang, "검사", "check"),
                         tr(lang, "배점", "points"), tr(lang, "채점", "graded"), tr(lang, "통과", "passed"),
                         tr(lang, "평균", "mean"), tr(lang, "분포 (점수별 제출 수)", "distribution (submissions per score)"));
    }
    double sum = 0;
    for (double e : c.earned) sum += e;
    out += fmt::format(
        "<tr class=\"check-scores\" id=\"dist-{}-{}\"><td>{}</td><td>{}</td><td class=\"graded\">{}</td>"
        "<td class=\"passed\">{}</td><td class=\"mean\">{:.2f}</td><td>{}</td></tr>\n",
        escape(c.exercise), escape(c.check), escape(c.check), c.points, c.earned.size(), c.passed,
        sum / static_cast<double>(c.earned.size()), histogram(score_buckets(c.points, c.earned), lang));
  }
  if (!exercise.empty()) out += "</table>\n";
  return out + "</section>\n";
}

std::string submission_list(const report::BatchReport& report, Lang lang, const std::vector<std::string>& pages) {
  std::string out = fmt::format(
      "<section id=\"submissions\">\n<h2>{}</h2>\n<table class=\"overview\">\n"
      "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\n",
      tr(lang, "제출물", "Submissions"), tr(lang, "제출", "submission"), tr(lang, "출처", "origin"), tr(lang, "합계", "total"),
      tr(lang, "빠진 연습", "exercises not done"));
  for (std::size_t i = 0; i < report.submissions.size(); ++i) {
    const report::SubmissionReport& s = report.submissions[i];
    const std::string total =
        s.error.empty() ? format_points(s.earned(), s.possible())
                        : fmt::format("<span class=\"error\">{}{}</span>", tr(lang, "읽을 수 없음: ", "cannot be read: "), escape(s.error));
    const std::string note = report::attempt_note(s, lang);
    out += fmt::format("<tr class=\"submission\" id=\"sub-{0}\"><td><a href=\"{1}\">{0}</a></td><td>{2}</td><td class=\"total\">{3}</td>"
                       "<td class=\"attempt\">{4}</td></tr>\n",
                       escape(s.id), escape(pages.at(i)), escape(s.origin), total, escape(note));
  }
  return out + "</table>\n</section>\n";
}

/// How many submissions left exercises out or handed them in as the stub, said at the top.
std::string attempt_summary(const report::BatchReport& report, Lang lang) {
  int missing = 0, not_attempted = 0, empty = 0;
  for (const report::SubmissionReport& s : report.submissions) {
    const std::size_t m = report::exercises_with(s, Attempt::missing).size();
    const std::size_t n = report::exercises_with(s, Attempt::not_attempted).size();
    missing += m > 0;
    not_attempted += n > 0;
    empty += !s.exercises.empty() && m + n == s.exercises.size();
  }
  if (missing + not_attempted == 0) return {};
  return fmt::format("<p class=\"attempts\" id=\"attempts\">{}</p>\n",
                     tr(lang, fmt::format("빠진 연습이 있는 제출물: {}개; 스텁 그대로 낸 연습이 있는 제출물: {}개; 아무 연습도 하지 않은 제출물: {}개",
                                          missing, not_attempted, empty),
                        fmt::format("missing exercises: {} submissions; exercises handed in as the stub: {} submissions; "
                                    "no exercise done at all: {} submissions", missing, not_attempted, empty)));
}

std::string file_name(const std::string& id) {
  std::string out;
  for (const char c : id) out += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' ? c : '_';
  // "." and ".." would name folders, and an empty id nothing.
  return out.find_first_not_of('.') == std::string::npos ? "_" + out : out;
}

}  // namespace

std::vector<ScoreBucket> score_buckets(int points, const std::vector<double>& earned) {
  const int below = std::min(points, 10);  // the buckets under full marks
  const double width = below == 0 ? 1 : static_cast<double>(points) / below;
  std::vector<ScoreBucket> buckets;
  for (int k = 0; k < below; ++k) {
    const double low = k * width;
    buckets.push_back({width == 1 ? fmt::format("{}", k) : fmt::format("{:g}–{:g}", low, low + width), 0});
  }
  buckets.push_back({fmt::format("{}", points), 0});
  for (const double e : earned) {
    const int k = e >= points ? below : std::clamp(static_cast<int>(std::floor(e / width)), 0, below - 1);
    ++buckets[static_cast<std::size_t>(k)].count;
  }
  return buckets;
}

std::vector<std::string> submission_pages(const report::BatchReport& report) {
  std::vector<std::string> pages;
  std::set<std::string> taken;
  for (const report::SubmissionReport& s : report.submissions) {
    const std::string stem = file_name(s.id);
    std::string name = stem;
    for (int n = 2; !taken.insert(name).second; ++n) name = fmt::format("{}-{}", stem, n);
    pages.push_back("submissions/" + name + ".html");
  }
  return pages;
}

std::string class_index(const report::BatchReport& report, Lang lang, const std::vector<std::string>& pages) {
  const std::string heading = tr(lang, "gclab 채점: 반 전체", "gclab grade: the class");
  std::string body = fmt::format("<header>\n<h1>{}</h1>\n<p class=\"total\" id=\"count\">{}</p>\n", escape(heading),
                                 tr(lang, fmt::format("제출물 {}개", report.submissions.size()),
                                    fmt::format("{} submissions", report.submissions.size())));
  if (!report.isolation.empty()) body += fmt::format("<p>{}</p>\n", escape(report.isolation));
  if (!report.error.empty())
    body += fmt::format("<p class=\"error\">{}{}</p>\n", tr(lang, "채점기 오류: ", "grader error: "), escape(report.error));
  body += attempt_summary(report, lang);
  body += "</header>\n" + distribution(report, lang) + submission_list(report, lang, pages);
  return document(lang, heading, body);
}

std::filesystem::path write_class_report(const report::BatchReport& report, Lang lang, const std::filesystem::path& dir) {
  const std::vector<std::string> pages = submission_pages(report);
  for (std::size_t i = 0; i < report.submissions.size(); ++i) {
    const report::SubmissionReport& s = report.submissions[i];
    std::vector<ExerciseSection> sections;
    for (const report::ExerciseReport& e : s.exercises) sections.push_back({e.grade.exercise, e.title, e.grade, e.error});
    std::string intro = fmt::format("<p><a href=\"../index.html\" id=\"up\">{}</a></p>\n<p>{} {}</p>\n",
                                    tr(lang, "← 반 전체", "← the class"), tr(lang, "출처:", "origin:"), escape(s.origin));
    if (!s.error.empty())
      intro += fmt::format("<p class=\"error\">{}{}</p>\n", tr(lang, "읽을 수 없음: ", "cannot be read: "), escape(s.error));
    if (const std::string note = report::attempt_note(s, lang); !note.empty())
      intro += fmt::format("<p class=\"attempts\">{}</p>\n", escape(note));
    write_page(dir / pages[i], student_page(sections, lang, s.id, intro));
  }
  const std::filesystem::path index = dir / "index.html";
  write_page(index, class_index(report, lang, pages));
  return index;
}

}  // namespace gclab::grader::html
