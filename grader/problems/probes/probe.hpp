// What every problem's probe shares. A probe is a cell the grader owns, linked into a problem's
// exercise and solution programs (grader/problems/CMakeLists.txt); it runs only when the grader
// runs the program (GCLAB_REPORT_FD set), after the program's own cells, and measures on the engine
// what the problem's check needs, through gclab/report.hpp.
#pragma once

#include <gclab/cell.hpp>
#include <gclab/gclab.hpp>
#include <gclab/report.hpp>

#include <sstream>
#include <string>
#include <vector>

namespace gclab::probes {

/// Registers `body` as the probe of the problem whose notebook cell is `cell`; true so that it can
/// initialise a static. It runs after every cell of the program (number 1000 + cell), and is not
/// registered at all when nobody reads the report, so `--list` and a plain run never show it.
inline bool register_probe(int cell, std::string_view title, void (*body)()) {
  return workbook::reporting() && workbook::register_cell(1000 + cell, title, body);
}

/// The lines gclab::print wrote while `body` ran (finalizers print through it), instead of
/// showing them: the probe reports what the student's code printed.
template <class F>
std::vector<std::string> printed_by(F&& body) {
  std::ostringstream captured;
  std::ostream& previous = sys::set_stdout(captured);
  try {
    body();
  } catch (...) {
    sys::set_stdout(previous);
    throw;
  }
  sys::set_stdout(previous);
  std::vector<std::string> lines;
  std::istringstream in(captured.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace gclab::probes
