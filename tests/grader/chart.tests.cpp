// The charts checks attach (P4's measurements): drawn by gnuplot as SVG that parses as XML and
// shows the numbers it was given; text from a student cannot make gnuplot run anything; without
// gnuplot, P4 still grades and says in one line that there is no chart.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "charts/gnuplot.hpp"
#include "runner/temp_dir.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

/// P4's chart as the check describes a full experiment (CPython's counts for the workload; a
/// peak and a time no other part of the chart has).
BarChart p4_chart(std::string unit = "bytes") {
  return {"Your measurements",
          {"(700, 10, 10)", "(100, 5, 5)", "(2000, 20, 20)"},
          {{"collections per generation", {"gen0", "gen1", "gen2"}, {{130, 11, 1}, {829, 138, 23}, {48, 2, 0}}},
           {"peak memory (" + unit + ")", {"peak"}, {{1407809}, {416673}, {1929553}}},
           {"time (s)", {"time"}, {{0.3111}, {0.2783}, {0.3044}}}}};
}

/// The text nodes of an SVG document, one a line, as python's XML parser reads them; fails the
/// test if it is not well-formed XML with an <svg> root.
std::string svg_text(const std::string& svg) {
  const TempDir dir("gclab-chart-test");
  const auto file = dir.path() / "chart.svg";
  std::ofstream(file) << svg;
  RunRequest request;
  request.argv = {kPython.string(), "-c",
                  "import sys, xml.etree.ElementTree as E\n"
                  "root = E.parse(sys.argv[1]).getroot()\n"
                  "assert root.tag == '{http://www.w3.org/2000/svg}svg', root.tag\n"
                  "print('\\n'.join(t.strip() for t in root.itertext() if t.strip()))\n",
                  file.string()};
  request.limits.memory_bytes = 0;
  const RunResult r = run_sandboxed(request);
  INFO(r.err);
  REQUIRE(r.succeeded());
  return r.out;
}

bool has_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);)
    if (l == line) return true;
  return false;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("gnuplot draws a chart as SVG from the numbers it is given", "[chart]") {
  REQUIRE_FALSE(gnuplot_program().empty());  // scripts/install-deps installs gnuplot-nox
  const std::string svg = chart_svg(p4_chart());
  CHECK(svg.rfind("<svg", 0) == 0);  // inlinable: no XML prolog
  CHECK_THAT(svg, Catch::Contains("width=\"960\" height=\"600\""));
  const std::string text = svg_text(svg);
  INFO(text);
  for (const char* label : {"(700, 10, 10)", "(100, 5, 5)", "(2000, 20, 20)", "Your measurements",
                            "collections per generation", "peak memory (bytes)", "time (s)", "gen0", "gen1", "gen2"})
    CHECK(has_line(text, label));
  // Each bar is labelled with its value: the counts, the peaks in bytes, the times.
  for (const char* value : {"130", "11", "829", "138", "23", "48", "1407809", "416673", "1929553", "0.311", "0.278", "0.304"})
    CHECK(has_line(text, value));
  CHECK_FALSE(svg.find("<script") != std::string::npos);

  // Other numbers, another chart: what is drawn is what was passed.
  BarChart other = p4_chart();
  other.panels[0].values[1] = {4242, 77, 5};
  const std::string redrawn = svg_text(chart_svg(other));
  CHECK(has_line(redrawn, "4242"));
  CHECK_FALSE(has_line(redrawn, "829"));
}

TEST_CASE("a chart's text cannot make gnuplot run commands or expand macros", "[chart]") {
  const TempDir dir("gclab-chart-test");
  const auto marker = dir.path() / "ran";
  // A student names the unit of their peaks: backquotes are shell commands to gnuplot.
  const std::string svg = chart_svg(p4_chart("`touch " + marker.string() + "`\" @GPVAL_PWD \\"));
  CHECK_FALSE(std::filesystem::exists(marker));
  const std::string text = svg_text(svg);
  CHECK_THAT(text, Catch::Contains("peak memory (touch " + marker.string()));
  CHECK_THAT(text, !Catch::Contains("`"));
}

TEST_CASE("without gnuplot a chart cannot be drawn, and says why", "[chart]") {
  CHECK_THROWS_WITH(chart_svg(p4_chart(), ""), Catch::Contains("gnuplot-nox"));
  CHECK_THROWS_WITH(chart_svg(p4_chart(), "/nonexistent/gnuplot"), Catch::Contains("cannot run /nonexistent/gnuplot"));
}

// P4's check attaches the chart of the student's measurements to its result: `gclab check p4`
// on the reference solution saves it next to the other pictures and inlines it in the HTML page;
// without gnuplot the same check earns the same points and says so in one line.
TEST_CASE("gclab check p4 attaches the chart of the measurements, and grades the same without gnuplot", "[chart][cli]") {
  const TempDir dir("gclab-chart-test");
  const auto page = dir.path() / "report.html";
  const std::vector<std::string> args = {"--lang", "en", "--root", kSourceDir.string(), "--build-dir", kBuildDir.string(),
                                         "check", "p4", "--against", "solution", "--html", page.string()};
  const RunResult r = run_gclab(args, {}, dir.path() / "progress.json");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("experiment                   6/6  passed"));
  CHECK_THAT(r.out, Catch::Contains("picture: Your measurements per threshold setting: collections, peak memory, time"));
  const auto link = r.out.find("file://", r.out.find("picture: Your measurements"));
  REQUIRE(link != std::string::npos);
  const std::filesystem::path svg_file = r.out.substr(link + 7, r.out.find('\n', link) - link - 7);
  CHECK(svg_file.parent_path() == kBuildDir / "gclab-pictures" / "P4-gc-thresholds");
  const std::string text = svg_text(read(svg_file));
  INFO(text);
  // The solution counts what the engine's schedule runs: CPython 3.11's counts for the workload.
  for (const char* line : {"(700, 10, 10)", "(100, 5, 5)", "(2000, 20, 20)", "130", "11", "829", "138", "23", "48"})
    CHECK(has_line(text, line));
  const std::string html = read(page);
  CHECK_THAT(html, Catch::Contains("<figcaption>Your measurements per threshold setting: collections, peak memory, time</figcaption>"));
  CHECK_THAT(html, Catch::Contains("<tr class=\"check passed\" id=\"check-P4-gc-thresholds-experiment\">"));

  const RunResult without = run_gclab(args, {}, dir.path() / "progress.json", {{"GCLAB_GNUPLOT", "/nonexistent/gnuplot"}});
  INFO(without.out << without.err);
  CHECK(without.exit_code == 0);
  CHECK_THAT(without.out, Catch::Contains("experiment                   6/6  passed"));
  CHECK_THAT(without.out, Catch::Contains("\n      could not draw the chart: cannot run /nonexistent/gnuplot"));
  CHECK_THAT(without.out, !Catch::Contains("picture: Your measurements"));
  const std::string note = "could not draw the chart";
  const auto first = without.out.find(note);
  CHECK(without.out.find(note, first + 1) == std::string::npos);  // one line, once
}
