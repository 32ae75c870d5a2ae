// Drawing a BarChart as SVG with gnuplot (Debian gnuplot-nox), run as a child process through the
// grader's runner with a timeout. The chart's text may come from a student's report, so it
// reaches gnuplot's script only stripped of what gnuplot would expand (backquotes run shell
// commands; @ expands macros).
#pragma once

#include <filesystem>
#include <string>

#include "charts/chart.hpp"

namespace gclab::grader {

/// $GCLAB_GNUPLOT if set, else gnuplot on PATH; empty when there is none.
std::filesystem::path gnuplot_program();

/// The chart as one <svg> element (fixed size and font, no XML prolog, so it can be inlined in
/// HTML or saved as a file). Throws std::runtime_error with the reason when it cannot be drawn:
/// no gnuplot (`gnuplot` empty), gnuplot failed or took too long.
std::string chart_svg(const BarChart& chart, const std::filesystem::path& gnuplot = gnuplot_program());

}  // namespace gclab::grader
