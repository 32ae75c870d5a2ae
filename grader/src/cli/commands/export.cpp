// gclab export --csv [--gradebook <file>]: the gradebook as a spreadsheet -- one row per student,
// one column per check (exercise/check), then the totals.
#include <fmt/format.h>

#include <map>
#include <set>

#include "batch/gradebook.hpp"
#include "cli/app.hpp"

namespace gclab::grader::cli {

namespace {

struct ExportOptions {
  bool csv = false;
  std::string gradebook = "gclab-gradebook.sqlite";
};

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string number(double value) { return fmt::format("{:g}", value); }

int run_export(const ExportOptions& o) {
  if (!o.csv) throw UsageError("say which format: --csv");
  std::vector<batch::ScoreRow> rows;
  try {
    rows = batch::Gradebook::scores(o.gradebook);
  } catch (const std::runtime_error& e) {
    throw EnvironmentError(e.what());
  }
  // Columns in course order: exercises sort in notebook order, checks by their rubric position.
  std::map<std::pair<std::string, int>, std::string> columns;
  std::map<std::string, std::map<std::string, double>> earned;  // student -> column -> points
  std::map<std::string, std::pair<double, int>> totals;
  for (const batch::ScoreRow& r : rows) {
    const std::string column = r.exercise + "/" + r.check;
    columns[{r.exercise, r.position}] = column;
    earned[r.submission][column] = r.earned;
    totals[r.submission].first += r.earned;
    totals[r.submission].second += r.points;
  }
  std::string header = "student";
  for (const auto& [key, column] : columns) header += "," + csv_field(column);
  fmt::print("{},earned,possible\n", header);
  for (const auto& [student, cells] : earned) {
    std::string line = csv_field(student);
    for (const auto& [key, column] : columns) {
      const auto it = cells.find(column);
      line += "," + (it == cells.end() ? std::string() : number(it->second));
    }
    fmt::print("{},{},{}\n", line, number(totals[student].first), totals[student].second);
  }
  return kOk;
}

}  // namespace

void add_export_command(CLI::App& cli, App& app) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = cli.add_subcommand("export", "instructors: the gradebook as CSV (one row per student, one column per check)");
  cmd->add_flag("--csv", o->csv, "comma-separated values on standard output");
  cmd->add_option("--gradebook", o->gradebook, "the SQLite gradebook `gclab grade` wrote (default: ./gclab-gradebook.sqlite)");
  cmd->callback([&app, o] { app.exit_code = run_export(*o); });
}

}  // namespace gclab::grader::cli
