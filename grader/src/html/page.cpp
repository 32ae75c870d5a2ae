#include "html/page.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <stdexcept>

#include "gclab/viz.hpp"

namespace gclab::grader::html {

namespace {

// One stylesheet, inline: the page must render from a file:// URL with no network.
constexpr std::string_view kStyle = R"(
body { font-family: system-ui, "Noto Sans KR", sans-serif; margin: 2em auto; max-width: 60em; color: #222; }
h1 { margin-bottom: .2em; }
.total { font-size: 1.3em; }
nav ol { columns: 2; }
section.exercise { border-top: 1px solid #ccc; margin-top: 2em; }
h2 .score { float: right; font-weight: normal; }
table.checks { border-collapse: collapse; width: 100%; }
table.checks td, table.checks th { padding: .3em .6em; border-bottom: 1px solid #eee; text-align: left; }
tr.passed td.outcome { color: #2e7d32; }
tr.failed td.outcome, tr.crashed td.outcome, tr.timeout td.outcome, tr.memory_limit td.outcome,
tr.build_error td.outcome { color: #c62828; font-weight: bold; }
tr.skipped td.outcome { color: #777; }
.explanation { background: #fff6f6; border-left: 4px solid #c62828; padding: .5em 1em; margin: .5em 0; }
.explanation pre { white-space: pre-wrap; margin: 0; }
.feedback { background: #f4f8ff; border-left: 4px solid #4a6fa5; padding: .5em 1em; margin: .5em 0; }
figure.picture { margin: 1em 0; overflow-x: auto; }
figure.picture svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: .9em; }
.error { color: #c62828; font-weight: bold; }
table.overview { border-collapse: collapse; width: 100%; }
table.overview td, table.overview th { padding: .3em .6em; border-bottom: 1px solid #eee; text-align: left; vertical-align: bottom; }
.histogram { display: flex; gap: 2px; align-items: flex-end; }
.bucket { display: flex; flex-direction: column; align-items: center; min-width: 2.2em; font-size: .8em; }
.bucket .bar { width: 1.6em; background: #4a6fa5; border-bottom: 1px solid #333; }
.bucket .score { color: #555; }
)";

std::string picture(const CheckResult::Picture& p) {
  std::string body = p.svg;
  if (body.empty()) {
    try {
      body = viz::to_svg(p.dot);
    } catch (const std::exception& e) {
      // No Graphviz here: the picture's description still says what it would show.
      body = fmt::format("<p>{}</p><pre>{}</pre>", escape(e.what()), escape(p.dot));
    }
  }
  return fmt::format("<figure class=\"picture\">{}<figcaption>{}</figcaption></figure>\n", body,
                     escape(p.title));
}

std::string check_rows(const GradeReport& report, const std::string& exercise, Lang lang) {
  std::string out;
  // A visible check and its hidden twin (P4's threshold_experiment) can carry the same picture:
  // it is drawn once, and the second says where it is.
  std::map<std::string, std::string> shown;  // a picture's content -> the check that shows it
  for (const CheckResult& r : report.results) {
    const std::string id = fmt::format("check-{}-{}", exercise, r.id);
    out += fmt::format("<tr class=\"check {}\" id=\"{}\"><td>{}</td><td>{}</td><td class=\"outcome\">{}</td></tr>\n",
                       outcome_id(r.outcome), escape(id), escape(r.id), format_points(r.earned, r.points),
                       escape(outcome_label(r.outcome, lang)));
    const bool passed = r.outcome == Outcome::passed;
    std::string details;
    if (!r.explanation.empty()) {
      details += fmt::format("<div class=\"explanation\"><pre>{}</pre></div>\n", escape(r.explanation));
    }
    if (!passed && !r.feedback.empty()) {
      details += fmt::format("<div class=\"feedback\">{}</div>\n", escape(r.feedback.in(lang)));
    }
    for (const auto& p : r.pictures) {
      const auto [first, is_new] = shown.try_emplace(p.title + '\0' + p.dot + '\0' + p.svg, r.id);
      details += is_new ? picture(p)
                        : fmt::format("<p class=\"same-picture\">{}</p>\n",
                                      escape(tr(lang, fmt::format("그림: 위의 {} 검사와 같습니다", first->second),
                                                fmt::format("picture: the same as check {}'s above", first->second))));
    }
    if (!details.empty()) out += fmt::format("<tr class=\"details\"><td colspan=\"3\">{}</td></tr>\n", details);
  }
  return out;
}

}  // namespace

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string document(Lang lang, const std::string& title, const std::string& body) {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n{}</body>\n</html>\n",
      lang == Lang::ko ? "ko" : "en", escape(title), kStyle, body);
}

std::string student_page(const std::vector<ExerciseSection>& sections, Lang lang, const std::string& heading,
                         const std::string& intro) {
  double earned = 0;
  int possible = 0;
  for (const auto& s : sections) {
    earned += s.report.earned();
    possible += s.report.possible();
  }
  std::string page = fmt::format("<header>\n<h1>{}</h1>\n{}<p class=\"total\" id=\"total\">{} {}</p>\n</header>\n",
                                 escape(heading), intro, tr(lang, "합계", "Total"), format_points(earned, possible));
  page += "<nav>\n<ol>\n";
  for (const auto& s : sections) {
    page += fmt::format("<li><a href=\"#ex-{}\">{}</a> — {}</li>\n", escape(s.exercise), escape(s.title),
                        format_points(s.report.earned(), s.report.possible()));
  }
  page += "</ol>\n</nav>\n";
  for (const auto& s : sections) {
    page += fmt::format(
        "<section class=\"exercise\" id=\"ex-{}\">\n<h2>{} <span class=\"score\">{}</span></h2>\n"
        "{}<table class=\"checks\">\n<tr><th>{}</th><th>{}</th><th>{}</th></tr>\n{}</table>\n</section>\n",
        escape(s.exercise), escape(s.title), format_points(s.report.earned(), s.report.possible()),
        s.error.empty() ? "" : fmt::format("<p class=\"error\">{}{}</p>\n", tr(lang, "채점기 오류: ", "grader error: "), escape(s.error)),
        tr(lang, "검사", "check"), tr(lang, "점수", "points"), tr(lang, "결과", "outcome"),
        check_rows(s.report, s.exercise, lang));
  }
  return document(lang, heading, page);
}

std::filesystem::path write_picture(const CheckResult::Picture& picture, const std::filesystem::path& stem) {
  std::filesystem::create_directories(stem.parent_path());
  std::filesystem::path out = stem;
  out += ".svg";
  if (!picture.svg.empty()) {
    write_page(out, picture.svg);
    return out;
  }
  try {
    viz::render(picture.dot, out);
  } catch (const std::exception&) {
    out.replace_extension(".dot");
    viz::render(picture.dot, out);
  }
  return out;
}

void write_page(const std::filesystem::path& out, const std::string& page) {
  if (out.has_parent_path()) std::filesystem::create_directories(out.parent_path());
  std::ofstream file(out, std::ios::binary);
  file << page;
  if (!file.flush()) throw std::runtime_error(fmt::format("cannot write {}", out.string()));
}

}  // namespace gclab::grader::html
