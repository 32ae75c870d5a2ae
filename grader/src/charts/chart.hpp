// A chart a check attaches to its result: panels of bars side by side, one group of bars per
// x-axis label, one bar per series in each group. Checks describe it and the grader core draws it
// (charts/gnuplot.hpp); header-only because grader/problems/, which the core links, describes
// charts too (as text/lang.hpp is shared).
#pragma once

#include <string>
#include <vector>

namespace gclab::grader {

struct BarPanel {
  std::string title;                        ///< what the bars measure, with the unit
  std::vector<std::string> series;          ///< one bar each per group; a legend when more than one
  std::vector<std::vector<double>> values;  ///< [group][series]
};

struct BarChart {
  std::string title;                ///< the picture's caption
  std::vector<std::string> groups;  ///< the x axis of every panel
  std::vector<BarPanel> panels;
};

}  // namespace gclab::grader
