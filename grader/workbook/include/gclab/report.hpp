// The report channel: what a workbook program measured, for the grader to read.
//
// The grader runs a problem's program with a pipe open at the descriptor GCLAB_REPORT_FD names
// (gclab/report_channel.hpp) and reads it while the program runs, one JSON object a line. What the
// program prints is only feedback for the student; what it reports is what the grader judges
// (grader/problems/). The last line is always {"kind":"done"}, written by the cell runner once
// every cell (and the grader's probe) has run: a report without it is from a program that stopped
// early, and earns nothing.
//
// Example (problem 1):
//   gclab::workbook::report("refcount", {{"step", "after_ref1"}, {"value", 3},
//                                        {"holders", {"data (local)", "ref1 (local)"}}});
//   // writes {"kind":"refcount","step":"after_ref1","value":3,"holders":[...]}
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace gclab::workbook {

/// Writes `{"kind": kind, ...fields}` as one line to the report pipe, at once (nothing is
/// buffered, so a crash later in the program keeps the lines written before). Does nothing when
/// GCLAB_REPORT_FD is unset (the program run by hand). `fields` must be a JSON object. Throws
/// std::runtime_error when the pipe is gone (the program closed it, or the grader stopped reading).
void report(std::string_view kind, const nlohmann::json& fields = nlohmann::json::object());

/// Whether report() writes anywhere (GCLAB_REPORT_FD is set); lets a program skip costly
/// measurements that only the grader needs. Throws std::runtime_error when GCLAB_REPORT_FD is set
/// but is not an open descriptor's number.
bool reporting();

}  // namespace gclab::workbook
