#include "charts/gnuplot.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

#include "runner/sandbox.hpp"
#include "runner/temp_dir.hpp"

namespace gclab::grader {

namespace {

constexpr int kWidth = 960, kHeight = 600;
constexpr std::string_view kColors[] = {"#4a6fa5", "#e07b39", "#6a9e3f", "#9b59b6", "#c0392b"};

/// `text` as a gnuplot string literal, with nothing gnuplot would expand or end the string on.
std::string literal(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '`' || c == '@' || c == '\\' || c == '"' || c == '\'' || static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

/// A bar's value as a person reads it above the bar: counts and bytes whole, times to 3 digits.
std::string value_label(double v) {
  return std::floor(v) == v && std::fabs(v) < 1e15 ? fmt::format("{:.0f}", v) : fmt::format("{:.3g}", v);
}

std::string script(const BarChart& chart) {
  std::string s = fmt::format("set terminal svg size {},{} fixed noenhanced font \"sans,11\" background \"#ffffff\"\n"
                              "set encoding utf8\n",
                              kWidth, kHeight);
  // The data, inline: one block per panel and series, rows "x value label".
  for (std::size_t p = 0; p < chart.panels.size(); ++p) {
    const BarPanel& panel = chart.panels[p];
    const std::size_t slots = panel.series.size() + 1;  // a gap after each group
    for (std::size_t k = 0; k < panel.series.size(); ++k) {
      s += fmt::format("$P{}S{} << EOD\n", p, k);
      for (std::size_t g = 0; g < chart.groups.size() && g < panel.values.size(); ++g) {
        if (k >= panel.values[g].size()) continue;
        s += fmt::format("{} {} {}\n", g * slots + k, panel.values[g][k], literal(value_label(panel.values[g][k])));
      }
      s += "EOD\n";
    }
  }
  // The first panel across the top, the others side by side below it: each then has room for
  // its groups' labels. The chart's title above them all.
  const double rows = chart.panels.size() > 1 ? 2 : 1;
  const double row_height = 0.94 / rows;
  s += fmt::format("set multiplot title {}\n", literal(chart.title));
  s += "set style fill solid 0.85 border -1\nset boxwidth 0.8\nset yrange [0:*]\nset offsets 0, 0, graph 0.25, 0\n"
       "set grid ytics lc rgb \"#dddddd\"\nset xtics scale 0 nomirror\nset ytics nomirror\nset border 3\n"
       "set key top center horizontal samplen 1\n";
  for (std::size_t p = 0; p < chart.panels.size(); ++p) {
    const BarPanel& panel = chart.panels[p];
    const std::size_t slots = panel.series.size() + 1;
    const double width = p == 0 ? 1.0 : 1.0 / static_cast<double>(chart.panels.size() - 1);
    const double x = p == 0 ? 0.0 : width * static_cast<double>(p - 1);
    const double y = p == 0 ? row_height * (rows - 1) : 0.0;
    s += fmt::format("set origin {:.4f},{:.4f}\nset size {:.4f},{:.4f}\nset title {}\n", x, y, width, row_height,
                     literal(panel.title));
    // Bytes in the millions read better as 1.4M than as 1.4e+06.
    double most = 0;
    for (const auto& group : panel.values)
      for (const double v : group) most = std::max(most, std::fabs(v));
    s += most >= 1e5 ? "set format y \"%.1s%c\"\n" : "set format y \"%g\"\n";
    s += fmt::format("set xrange [-1:{}]\n", chart.groups.size() * slots - 1);
    std::vector<std::string> tics;
    for (std::size_t g = 0; g < chart.groups.size(); ++g)
      tics.push_back(fmt::format("{} {}", literal(chart.groups[g]), static_cast<double>(g * slots) + (static_cast<double>(slots) - 2) / 2));
    s += fmt::format("set xtics ({})\n", fmt::join(tics, ", "));
    s += panel.series.size() > 1 ? "set key\n" : "unset key\n";
    std::vector<std::string> plots;
    for (std::size_t k = 0; k < panel.series.size(); ++k) {
      plots.push_back(fmt::format("$P{}S{} using 1:2 with boxes lc rgb \"{}\" title {}", p, k,
                                  kColors[k % std::size(kColors)], literal(panel.series[k])));
      plots.push_back(fmt::format("$P{}S{} using 1:2:3 with labels offset 0,0.7 font \",9\" notitle", p, k));
    }
    s += fmt::format("plot {}\n", fmt::join(plots, ", \\\n     "));
  }
  return s + "unset multiplot\n";
}

}  // namespace

std::filesystem::path gnuplot_program() {
  if (const char* given = std::getenv("GCLAB_GNUPLOT")) return given;
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / "gnuplot";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return {};
}

std::string chart_svg(const BarChart& chart, const std::filesystem::path& gnuplot) {
  if (gnuplot.empty()) throw std::runtime_error("gnuplot is not installed (Debian package gnuplot-nox)");
  const TempDir dir("gclab-chart");
  const std::filesystem::path file = dir.path() / "chart.gp";
  std::ofstream(file, std::ios::binary) << script(chart);
  RunRequest request;
  request.argv = {gnuplot.string(), file.string()};
  request.cwd = dir.path();
  request.limits.timeout = std::chrono::seconds(20);
  const RunResult run = run_sandboxed(request);
  if (run.end == RunResult::End::not_started)
    throw std::runtime_error(fmt::format("cannot run {}: {}", gnuplot.string(), run.err));
  const auto svg = run.out.find("<svg");
  if (!run.succeeded() || run.truncated || svg == std::string::npos || run.out.find("</svg>") == std::string::npos) {
    const std::string why = run.end == RunResult::End::timed_out ? "took too long" : run.err.substr(0, run.err.find('\n'));
    throw std::runtime_error(fmt::format("gnuplot failed: {}", why.empty() ? "no SVG" : why));
  }
  // The XML prolog would be text inside an HTML page; a file does without it.
  return run.out.substr(svg);
}

}  // namespace gclab::grader
