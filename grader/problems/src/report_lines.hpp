// Reading what a problem's program reported on its report channel (the pipe at GCLAB_REPORT_FD,
// which the grader reads into memory): one JSON object a line, each with a string "kind"
// (gclab/report.hpp writes it).
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gclab::grader::problems {

struct ReportLines {
  std::vector<nlohmann::json> lines;  ///< every well-formed line, in the order written
  /// Why the report cannot be trusted, if it cannot: empty, or the first line that is not a
  /// JSON object with a string "kind" ("line 3: ..."). A check that sees this gives no credit.
  std::optional<std::string> defect;

  /// The lines of one kind, in order.
  std::vector<const nlohmann::json*> of_kind(std::string_view kind) const;
  /// The one line of a kind; nullptr if there is none (and when there are several, the last).
  const nlohmann::json* last_of_kind(std::string_view kind) const;
};

/// Reads a report's bytes. Never throws: problems end up in `defect`.
ReportLines read_report(std::string_view bytes);

/// The message for a report that cannot be judged, with what the student can do about it.
std::string unreadable_report_message(const std::string& defect);

/// A field of a report line, or nullopt when it is absent or of another type.
std::optional<long long> int_field(const nlohmann::json& line, std::string_view key);
std::optional<std::string> string_field(const nlohmann::json& line, std::string_view key);
std::optional<bool> bool_field(const nlohmann::json& line, std::string_view key);
/// An array of strings (nullopt if any element is not a string).
std::optional<std::vector<std::string>> strings_field(const nlohmann::json& line, std::string_view key);
/// An array of integers (nullopt if any element is not an integer).
std::optional<std::vector<long long>> ints_field(const nlohmann::json& line, std::string_view key);

}  // namespace gclab::grader::problems
