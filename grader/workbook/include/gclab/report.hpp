// The report channel: what a workbook program measured, for the grader to read.
//
// The grader runs a problem's program with the environment variable GCLAB_REPORT naming a fresh
// file and reads it afterwards, one JSON object a line. What the program prints is only feedback
// for the student; what it reports is what the grader judges (grader/problems/).
//
// Example (problem 1):
//   gclab::workbook::report("refcount", {{"step", "after_ref1"}, {"value", 3},
//                                        {"holders", {"data (local)", "ref1 (local)"}}});
//   // appends {"kind":"refcount","step":"after_ref1","value":3,"holders":[...]}
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace gclab::workbook {

/// Appends `{"kind": kind, ...fields}` as one line to the file named by GCLAB_REPORT, and flushes
/// it, so a crash later in the program keeps the lines written before. Does nothing when
/// GCLAB_REPORT is unset or empty (the program run by hand). `fields` must be a JSON object.
void report(std::string_view kind, const nlohmann::json& fields = nlohmann::json::object());

/// Whether report() writes anywhere (GCLAB_REPORT is set); lets a program skip costly measurements
/// that only the grader needs.
bool reporting();

}  // namespace gclab::workbook
