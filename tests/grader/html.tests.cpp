// The HTML feedback report: what a student must find in the page (the total, one section per
// exercise, each check's outcome, the explanation and pictures of what did not pass), with every
// text escaped. The rendering in a browser is tested by the Chromium test (tests/grader/html/).
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "html/page.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

CheckResult check(std::string id, int points, double earned, Outcome outcome, std::string explanation = {}) {
  CheckResult r;
  r.id = std::move(id);
  r.points = points;
  r.earned = earned;
  r.outcome = outcome;
  r.explanation = std::move(explanation);
  return r;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the HTML report shows every exercise and check, and explains what failed", "[html]") {
  GradeReport good{"02.1-getrefcount", {check("builds", 1, 1, Outcome::passed), check("output", 4, 4, Outcome::passed)}};
  CheckResult failed = check("cycle_removed", 6, 0, Outcome::failed, "del parent freed nothing: <Child> → Parent");
  failed.feedback = {"약한 참조를 쓰세요", "use a weak reference"};
  failed.pictures.push_back({"the cycle & its children", "digraph heap { n0 [label=\"Parent\"]; n0 -> n0; }", {}});
  GradeReport bad{"P2-weakref-parent-child", {check("builds", 1, 1, Outcome::passed), failed,
                                              check("prints", 1, 0, Outcome::skipped, "skipped: cycle_removed failed")}};

  const std::string page = html::student_page(
      {{"02.1-getrefcount", "2.1 Using sys.getrefcount()", good, {}}, {"P2-weakref-parent-child", "Problem 2", bad, {}}},
      Lang::en, "gclab check");

  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK_THAT(page, Catch::Contains("<html lang=\"en\">"));
  CHECK_THAT(page, Catch::Contains("<p class=\"total\" id=\"total\">Total 6/13</p>"));
  CHECK(count(page, "<section class=\"exercise\"") == 2);
  CHECK_THAT(page, Catch::Contains("<a href=\"#ex-P2-weakref-parent-child\">Problem 2</a> — 1/8"));
  CHECK(count(page, "<tr class=\"check passed\"") == 3);
  CHECK_THAT(page, Catch::Contains("<tr class=\"check failed\" id=\"check-P2-weakref-parent-child-cycle_removed\">"));
  CHECK_THAT(page, Catch::Contains("<tr class=\"check skipped\""));
  // The explanation and the feedback of the failed check, escaped; nothing for passed ones.
  CHECK_THAT(page, Catch::Contains("del parent freed nothing: &lt;Child&gt; → Parent"));
  CHECK_THAT(page, Catch::Contains("<div class=\"feedback\">use a weak reference</div>"));
  CHECK(count(page, "class=\"explanation\"") == 2);  // the failed and the skipped check
  // The picture, inline, with its caption.
  CHECK(count(page, "<figure class=\"picture\">") == 1);
  CHECK_THAT(page, Catch::Contains("<svg"));
  CHECK_THAT(page, Catch::Contains("<figcaption>the cycle &amp; its children</figcaption>"));
  // No script and no external resource: the page works from a file.
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("http://") == page.find("http://www.w3.org"));  // only SVG's namespaces

  const std::string ko = html::student_page({{"02.1-getrefcount", "2.1 sys.getrefcount()", good, {}}}, Lang::ko, "채점");
  CHECK_THAT(ko, Catch::Contains("<html lang=\"ko\">"));
  CHECK_THAT(ko, Catch::Contains("합계 5/5"));
}

TEST_CASE("a picture Graphviz cannot draw is shown as its DOT text", "[html]") {
  CheckResult failed = check("c", 1, 0, Outcome::failed, "x");
  failed.pictures.push_back({"broken", "digraph { n0 -> }", {}});
  const std::string page = html::student_page({{"e", "E", GradeReport{"e", {failed}}, {}}}, Lang::en, "t");
  CHECK_THAT(page, Catch::Contains("<pre>digraph { n0 -&gt; }</pre>"));
  CHECK_THAT(page, Catch::Contains("<figcaption>broken</figcaption>"));
}

// The acceptance test of the pictures: the untouched P2 stub keeps the strong Child -> Parent
// reference, so `gclab check p2` shows the leaking family -- linked on the terminal, inline in
// the HTML report.
TEST_CASE("gclab check shows a wrong P2's cycle as a picture, on the terminal and in HTML", "[html][cli]") {
  const auto dir = std::filesystem::temp_directory_path() / "gclab-html-test";
  std::filesystem::remove_all(dir);
  const auto out = dir / "report.html";
  const RunResult r = run_gclab({"--lang", "en", "--root", kSourceDir.string(), "--build-dir", kBuildDir.string(),
                                 "check", "p2", "--html", out.string()},
                                {}, dir / "progress.json");
  CHECK(r.exit_code == 1);
  CHECK_THAT(r.out, Catch::Contains("picture: the cycle that keeps your family alive after `del parent`"));
  const auto link = r.out.find("file://");
  REQUIRE(link != std::string::npos);
  const std::string svg_path = r.out.substr(link + 7, r.out.find('\n', link) - link - 7);
  std::ifstream svg_file(svg_path);
  std::stringstream svg;
  svg << svg_file.rdbuf();
  CHECK_THAT(svg.str(), Catch::Contains("<svg"));
  CHECK_THAT(svg.str(), Catch::Contains("Parent"));
  CHECK(count(svg.str(), "#f9d0d0") == 5);  // the parent, its list and three children: garbage

  std::ifstream page_file(out);
  std::stringstream page;
  page << page_file.rdbuf();
  CHECK_THAT(page.str(), Catch::Contains("<figcaption>the cycle that keeps your family alive after `del parent`</figcaption>"));
  CHECK(count(page.str(), "<svg") == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a picture two checks carry (a visible check and its hidden twin) is drawn once", "[html]") {
  const CheckResult::Picture chart{"your measurements", {}, "<svg id=\"chart\"></svg>"};
  CheckResult visible = check("experiment", 6, 6, Outcome::passed);
  CheckResult hidden = check("experiment_hidden", 2, 2, Outcome::passed);
  visible.pictures.push_back(chart);
  hidden.pictures.push_back(chart);
  CheckResult other = check("other", 1, 1, Outcome::passed);
  other.pictures.push_back({"another picture", {}, "<svg id=\"other\"></svg>"});
  const GradeReport report{"P4-gc-thresholds", {visible, hidden, other}};
  const std::string page = html::student_page({{"P4-gc-thresholds", "Problem 4", report, {}}}, Lang::en, "gclab grade");
  CHECK(count(page, "<svg id=\"chart\">") == 1);
  CHECK(count(page, "<svg id=\"other\">") == 1);
  CHECK_THAT(page, Catch::Contains("<p class=\"same-picture\">picture: the same as check experiment&#39;s above</p>"));
}
