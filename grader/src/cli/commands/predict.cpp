// gclab predict p1: okpy's "what would Python display", for problem P1. For each of the five
// blanks of exercises/P1-predict-refcounts/answers.yaml it asks for a prediction, grades it on the
// spot against what the P1 program reports, explains a wrong one with the references' actual
// holders, and asks again until it is right. Only the first attempt at a blank is recorded in the
// answers file (it is what the rubric grades), so retrying teaches without changing the grade.
#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "checks/run_program.hpp"
#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "text/lines.hpp"

namespace gclab::grader::cli {

namespace {

const std::vector<std::string> kBlanks = {"initial", "after_ref1", "after_ref2", "after_del_ref1", "after_return"};

struct Measured {
  long value = 0;
  std::vector<std::string> holders;
};

/// The refcount lines of the P1 program's report: {"kind":"refcount","step":...,"value":...,"holders":[...]}.
std::map<std::string, Measured> read_report(const std::string& report) {
  std::map<std::string, Measured> steps;
  std::istringstream in(report);
  for (std::string line; std::getline(in, line);) {
    const nlohmann::json json = nlohmann::json::parse(line, nullptr, false);
    if (!json.is_object() || json.value("kind", "") != "refcount") continue;
    Measured m;
    m.value = json.value("value", 0L);
    if (json.contains("holders") && json["holders"].is_array())
      for (const auto& h : json["holders"]) m.holders.push_back(h.is_string() ? h.get<std::string>() : h.dump());
    steps[json.value("step", "")] = m;
  }
  return steps;
}

/// The answers file as written: `key: value  # comment` lines. A blank is unanswered when its
/// value is empty, null or `?`.
std::map<std::string, std::string> read_answers(const std::filesystem::path& file) {
  std::map<std::string, std::string> answers;
  std::ifstream in(file);
  static const std::regex entry(R"(^\s*([A-Za-z_0-9]+)\s*:\s*([^#]*?)\s*(#.*)?$)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, entry) && m[2] != "" && m[2] != "null" && m[2] != "~" && m[2] != "?") answers[m[1]] = m[2];
  }
  return answers;
}

/// Writes `key: value` into the answers file in place, keeping its comments and layout.
void record_answer(const std::filesystem::path& file, const std::string& key, const std::string& value) {
  std::vector<std::string> lines;
  {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  const std::regex entry("^(\\s*" + key + "\\s*:)\\s*([^#]*?)(\\s*#.*)?$");
  bool found = false;
  for (std::string& line : lines) {
    std::smatch m;
    if (!found && std::regex_match(line, m, entry)) {
      line = m[1].str() + " " + value + m[3].str();
      found = true;
    }
  }
  if (!found) lines.push_back(key + ": " + value);
  std::ofstream out(file, std::ios::trunc);
  for (const std::string& line : lines) out << line << "\n";
}

std::string explain(const std::string& blank, const Measured& m, Lang lang) {
  std::string text = tr(lang, fmt::format("{} 시점의 sys::getrefcount(data)는 {}입니다. 참조를 가진 것:", blank, m.value),
                        fmt::format("at {}, sys::getrefcount(data) is {}. The references are held by:", blank, m.value));
  for (const std::string& h : m.holders) text += "\n    - " + h;
  return text;
}

int run_predict(App& app, const std::string& problem) {
  if (problem != "p1" && problem != "P1") throw UsageError(tr(app.lang(), "지금은 `gclab predict p1`만 있습니다", "only `gclab predict p1` exists"));
  app.require_build_dir();
  const std::string name = app.resolve("P1");
  const std::filesystem::path answers_file = app.course().exercise_dir(name) / "answers.yaml";
  const Style style{app.lang(), app.color()};

  // Run the P1 program once, as the rubric does, for the values and their holders.
  CheckEnv env = app.env_for(name, Against::exercise);
  Check run_limits;
  const ProgramRun run =
      build_and_run(env, run_limits, env.subject.target, env.subject.program, {{}, {}, false, /*report_channel=*/true});
  if (!run.run || !run.run->succeeded()) {
    fmt::print(stderr, "{}\n", run.run ? explain_exit_status(*run.run, app.lang()) : run.explanation);
    return kNotPassed;
  }
  const std::map<std::string, Measured> measured = read_report(run.run->report);
  const std::map<std::string, std::string> recorded = read_answers(answers_file);

  fmt::print("{}\n", style.bold(tr(app.lang(), "P1: track_refcount()의 각 시점에서 sys::getrefcount(data)는?",
                                   "P1: what does sys::getrefcount(data) return at each point of track_refcount()?")));
  int first_right = 0;
  for (const std::string& blank : kBlanks) {
    const auto m = measured.find(blank);
    if (m == measured.end()) {
      fmt::print(stderr, "{}\n", tr(app.lang(), fmt::format("보고서에 {} 값이 없습니다", blank), fmt::format("the report has no {} step", blank)));
      return kNotPassed;
    }
    bool first_attempt = true;
    for (;;) {
      fmt::print("  {} = ", blank);
      std::fflush(stdout);
      std::string answer;
      if (!std::getline(std::cin, answer)) {
        // End of input (Ctrl-D): stop asking; what was recorded stays, and the next run goes on.
        fmt::print("\n{}\n", tr(app.lang(), "여기서 멈춥니다. 이어서 하려면 gclab predict p1을 다시 실행하세요.",
                                 "Stopped here. Run gclab predict p1 again to go on."));
        return kOk;
      }
      answer = std::regex_replace(answer, std::regex(R"(^\s+|\s+$)"), "");
      long value = 0;
      try {
        std::size_t used = 0;
        value = std::stol(answer, &used);
        if (used != answer.size()) throw std::invalid_argument(answer);
      } catch (const std::exception&) {
        fmt::print("    {}\n", tr(app.lang(), "정수를 입력하세요", "type a whole number"));
        continue;
      }
      const bool right = value == m->second.value;
      if (first_attempt) {
        // What counts is the first attempt ever: this one, or the one recorded before.
        if (!recorded.contains(blank)) {
          record_answer(answers_file, blank, answer);
          first_right += right;
        } else {
          fmt::print("    {}\n", style.dim(tr(app.lang(), fmt::format("(처음 답 {}이(가) 이미 기록되어 있습니다)", recorded.at(blank)),
                                              fmt::format("(your first answer, {}, is already recorded)", recorded.at(blank)))));
          first_right += recorded.at(blank) == std::to_string(m->second.value);
        }
        first_attempt = false;
      }
      if (right) {
        fmt::print("    {}\n", style.green(tr(app.lang(), "맞았습니다", "right")));
        break;
      }
      fmt::print("{}\n", indent(style.red(tr(app.lang(), "틀렸습니다. ", "not quite. ")) + explain(blank, m->second, app.lang()), "    "));
      fmt::print("    {}\n", style.dim(tr(app.lang(), "다시 해 보세요:", "try again:")));
    }
  }
  fmt::print("{}\n", tr(app.lang(), fmt::format("첫 시도에 맞힌 칸: {}/{} ({}에 기록됨)", first_right, kBlanks.size(), answers_file.string()),
                        fmt::format("right at the first attempt: {}/{} (recorded in {})", first_right, kBlanks.size(), answers_file.string())));
  return kOk;
}

}  // namespace

void add_predict_command(CLI::App& cli, App& app) {
  auto problem = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand("predict", "answer a prediction problem interactively (p1)");
  cmd->add_option("problem", *problem, "p1")->required();
  cmd->callback([&app, problem] { app.exit_code = run_predict(app, *problem); });
}

}  // namespace gclab::grader::cli
