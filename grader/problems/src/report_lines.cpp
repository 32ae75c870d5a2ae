#include "report_lines.hpp"

#include <fmt/format.h>

#include <sstream>

namespace gclab::grader::problems {

std::vector<const nlohmann::json*> ReportLines::of_kind(std::string_view kind) const {
  std::vector<const nlohmann::json*> found;
  for (const nlohmann::json& line : lines)
    if (line.at("kind").get_ref<const std::string&>() == kind) found.push_back(&line);
  return found;
}

const nlohmann::json* ReportLines::last_of_kind(std::string_view kind) const {
  const auto found = of_kind(kind);
  return found.empty() ? nullptr : found.back();
}

ReportLines read_report(std::string_view bytes) {
  ReportLines report;
  std::istringstream in{std::string(bytes)};
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    if (text.empty()) continue;
    nlohmann::json line = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (line.is_discarded() || !line.is_object()) {
      report.defect = fmt::format("line {} of the report is not a JSON object", number);
      return report;
    }
    if (!line.contains("kind") || !line["kind"].is_string()) {
      report.defect = fmt::format("line {} of the report has no \"kind\"", number);
      return report;
    }
    report.lines.push_back(std::move(line));
  }
  if (report.lines.empty()) report.defect = "the program wrote no report";
  return report;
}

std::string unreadable_report_message(const std::string& defect) {
  return fmt::format(
      "The grader cannot read what the program measured: {}. Did the program crash or stop "
      "early? Run it with `gclab run` to see.",
      defect);
}

namespace {
const nlohmann::json* field(const nlohmann::json& line, std::string_view key) {
  const auto it = line.find(key);
  return it == line.end() ? nullptr : &*it;
}
}  // namespace

std::optional<long long> int_field(const nlohmann::json& line, std::string_view key) {
  const nlohmann::json* f = field(line, key);
  if (!f || !f->is_number_integer()) return std::nullopt;
  return f->get<long long>();
}

std::optional<std::string> string_field(const nlohmann::json& line, std::string_view key) {
  const nlohmann::json* f = field(line, key);
  if (!f || !f->is_string()) return std::nullopt;
  return f->get<std::string>();
}

std::optional<bool> bool_field(const nlohmann::json& line, std::string_view key) {
  const nlohmann::json* f = field(line, key);
  if (!f || !f->is_boolean()) return std::nullopt;
  return f->get<bool>();
}

std::optional<std::vector<std::string>> strings_field(const nlohmann::json& line, std::string_view key) {
  const nlohmann::json* f = field(line, key);
  if (!f || !f->is_array()) return std::nullopt;
  std::vector<std::string> out;
  for (const nlohmann::json& item : *f) {
    if (!item.is_string()) return std::nullopt;
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<std::vector<long long>> ints_field(const nlohmann::json& line, std::string_view key) {
  const nlohmann::json* f = field(line, key);
  if (!f || !f->is_array()) return std::nullopt;
  std::vector<long long> out;
  for (const nlohmann::json& item : *f) {
    if (!item.is_number_integer()) return std::nullopt;
    out.push_back(item.get<long long>());
  }
  return out;
}

}  // namespace gclab::grader::problems
