// kind: output_matches -- the program prints what the reference solution prints (or what a file
// holds), up to addresses, elapsed times and trailing whitespace. stderr is merged into stdout,
// as the notebook shows the collector's debug lines between the prints.
#include <fmt/format.h>

#include <fstream>
#include <string_view>
#include <sstream>
#include <variant>

#include "checks/kinds.hpp"
#include "checks/run_program.hpp"
#include "text/normalise.hpp"

namespace gclab::grader {

namespace {

/// One program run to compare: a single cell (`--cell N`) or the whole program.
struct Part {
  std::vector<std::string> args;
  std::string label;  // "cell 8, " or ""
};

std::vector<Part> parts_of(const Check& check, Lang lang) {
  std::vector<Part> parts;
  if (check.with["cells"]) {
    for (const YAML::Node& cell : check.with["cells"]) {
      const int n = cell.as<int>();
      parts.push_back({{"--cell", std::to_string(n)}, tr(lang, fmt::format("셀 {}, ", n), fmt::format("cell {}, ", n))});
    }
  } else {
    parts.push_back({{}, ""});
  }
  return parts;
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string show(const std::optional<std::string>& line, Lang lang) {
  return line ? fmt::format("'{}'", *line) : tr(lang, "(줄 없음: 출력이 끝남)", "(no line: the output ended)");
}

std::string explain_difference(const LineDifference& d, const std::string& label, Lang lang) {
  return tr(lang,
            fmt::format("{}{}번째 줄이 다릅니다\n    기대: {}\n    실제: {}", label, d.line, show(d.expected, lang), show(d.got, lang)),
            fmt::format("{}line {} differs\n    expected: {}\n    got:      {}", label, d.line, show(d.expected, lang),
                        show(d.got, lang)));
}

/// The solution's output for `part`, run once per grading session.
std::variant<std::string, CheckResult> reference_output(CheckEnv& env, const Check& check, const Part& part) {
  const std::string key = fmt::format("{}", fmt::join(part.args, " "));
  if (auto it = env.reference_runs.find(key); it != env.reference_runs.end()) return it->second.out;
  ProgramRun expected = build_and_run(env, check, env.reference.target, env.reference.program, {part.args, {}, true});
  const std::string blame = tr(env.lang, "참고 답안이 실행되지 않았습니다 (강사에게 알려 주세요): ",
                               "the reference solution did not run (tell your instructor): ");
  if (!expected.run) return result_of(Outcome::failed, blame + expected.explanation);
  if (!expected.run->succeeded()) return result_of(Outcome::failed, blame + explain_exit_status(*expected.run, env.lang));
  env.reference_runs[key] = *expected.run;
  return expected.run->out;
}

/// `text` with the graded program's own source file under one name, whichever copy was compiled:
/// a tracemalloc report names solutions/<ex>/solution.cpp in the reference's output and
/// exercises/<ex>/exercise.cpp in the student's (a batch's staged submission: an absolute path
/// ending so), for the same line of the same program. Plain string search: no regular
/// expression on a student's output runs longer than normalise.hpp allows.
std::string with_own_source_named(std::string text, const std::string& exercise) {
  const std::string canonical = "exercises/" + exercise + "/exercise.cpp";
  for (const std::string& name : {"solutions/" + exercise + "/solution.cpp", canonical}) {
    std::size_t done = 0;  // the end of the last name replaced: no path starts before it
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, done)) {
      std::size_t start = at;  // the whole path: back to a blank or a quote
      while (start > done && std::string_view(" \t\n\"'").find(text[start - 1]) == std::string_view::npos) --start;
      text.replace(start, at + name.size() - start, canonical);
      done = start + canonical.size();
    }
  }
  return text;
}

/// What a check leaves out of the comparison (`ignore_lines`) and rewrites first (`replace`).
struct Comparison {
  std::vector<std::regex> ignore;
  std::vector<Replacement> replace;

  explicit Comparison(const Check& check) {
    if (check.with["ignore_lines"])
      for (const YAML::Node& pattern : check.with["ignore_lines"]) ignore.emplace_back(pattern.as<std::string>());
    if (check.with["replace"])
      for (const YAML::Node& r : check.with["replace"])
        replace.push_back({std::regex(r["pattern"].as<std::string>()), r["with"].as<std::string>()});
  }
  std::vector<std::string> lines(std::string_view text) const { return normalised_lines(text, ignore, replace); }
};

/// The expected file a check names, if it names one (else it compares with the solution).
std::optional<std::filesystem::path> expected_file_of(const Check& check) {
  if (!check.with["expected_file"]) return std::nullopt;
  return check.rubric_dir / check.with["expected_file"].as<std::string>();
}

}  // namespace

std::variant<std::string, CheckResult> recorded_solution_output(CheckEnv& env, const Check& check) {
  std::string whole_output;
  for (const Part& part : parts_of(check, env.lang)) {
    auto expected = reference_output(env, check, part);
    if (auto* failure = std::get_if<CheckResult>(&expected)) return *failure;
    whole_output += with_own_source_named(std::get<std::string>(expected), env.subject.exercise);
  }
  // Only what the comparison sees: a line the check ignores, or a figure it replaces, is not
  // written down for students to read (P1's refcounts are predictions to make, not to look up).
  const Comparison comparison(check);
  const std::vector<std::string> lines = comparison.lines(whole_output);
  if (comparison.lines(fmt::format("{}", fmt::join(lines, "\n"))) != lines)
    return result_of(Outcome::failed, "the check's replace patterns change their own output again: "
                                      "its expected output cannot be recorded");
  std::string recorded;
  for (const std::string& line : lines) recorded += line + '\n';
  return recorded;
}

CheckResult check_output_matches(CheckEnv& env, const Check& check) {
  const Comparison comparison(check);
  const std::optional<std::filesystem::path> expected_file = expected_file_of(check);
  const std::string& exercise = env.subject.exercise;

  const std::vector<Part> parts = parts_of(check, env.lang);
  std::string whole_output;
  for (const Part& part : parts) {
    ProgramRun got = build_and_run(env, check, env.subject.target, env.subject.program, {part.args, {}, true});
    if (!got.run) return result_of(got.outcome, part.label + got.explanation);
    if (!got.run->succeeded()) return result_of(Outcome::failed, part.label + explain_exit_status(*got.run, env.lang));
    if (expected_file) {
      whole_output += got.run->out;
      continue;
    }
    auto expected = reference_output(env, check, part);
    if (auto* failure = std::get_if<CheckResult>(&expected)) return *failure;
    const auto difference = first_difference(comparison.lines(with_own_source_named(std::get<std::string>(expected), exercise)),
                                             comparison.lines(with_own_source_named(got.run->out, exercise)));
    if (difference) return result_of(Outcome::failed, explain_difference(*difference, part.label, env.lang));
  }
  if (expected_file) {
    // A file holds the parts' outputs one after the other; a single part keeps its label.
    const auto difference = first_difference(comparison.lines(read_file(*expected_file)),
                                             comparison.lines(with_own_source_named(whole_output, exercise)));
    const std::string label = parts.size() == 1 ? parts.front().label : "";
    if (difference) return result_of(Outcome::failed, explain_difference(*difference, label, env.lang));
  }
  return result_of(Outcome::passed);
}

}  // namespace gclab::grader
