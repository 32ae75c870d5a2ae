// kind: catch2 -- a Catch2 (v2) test program's named cases pass, each run in its own process so a
// crash in one case costs that case only. Points are shared out among the cases.
#include <fmt/format.h>

#include "checks/kinds.hpp"
#include "checks/run_program.hpp"
#include "text/lines.hpp"

namespace gclab::grader {

namespace {

/// A Catch2 test spec matching exactly one case name: its special characters escaped.
std::string exact_spec(const std::string& name) {
  std::string spec;
  for (char c : name) {
    if (c == '\\' || c == ',' || c == '[' || c == ']' || c == '*' || c == '"' || c == '~') spec += '\\';
    spec += c;
  }
  return spec;
}

/// The first line of Catch2's compact report that names a failure, for the explanation.
std::string first_failure_line(const std::string& output) {
  for (const std::string& line : split_lines(output))
    if (line.find("failed:") != std::string::npos || line.find("FAILED") != std::string::npos) return line;
  return last_lines(output, 2);
}

}  // namespace

CheckResult check_catch2(CheckEnv& env, const Check& check) {
  const std::filesystem::path program = env.build_dir / check.with["program"].as<std::string>();
  const std::string target = check.with["target"] ? check.with["target"].as<std::string>() : std::string();
  std::vector<std::string> cases;
  if (check.with["cases"]) cases = check.with["cases"].as<std::vector<std::string>>();
  const bool all = cases.empty();
  if (all) cases.emplace_back();  // one run of every case

  CheckResult result;
  std::size_t passed = 0;
  std::string first_problem;
  Outcome first_outcome = Outcome::failed;
  for (const std::string& name : cases) {
    std::vector<std::string> args;
    if (!all) args.push_back(exact_spec(name));
    args.insert(args.end(), {"--reporter", "compact"});
    const ProgramRun run = build_and_run(env, check, target, program, {args, {}, true});
    if (run.outcome == Outcome::build_error) return result_of(run.outcome, run.explanation);
    const std::string label = all ? std::string() : fmt::format("'{}': ", name);
    std::string problem;
    if (!run.run) {
      problem = label + run.explanation;
    } else if (run.run->out.find("No test cases matched") != std::string::npos) {
      problem = label + tr(env.lang, "이런 이름의 테스트 케이스가 없습니다", "no test case has this name");
    } else if (!run.run->succeeded()) {
      problem = label + first_failure_line(run.run->out);
    } else {
      ++passed;
      continue;
    }
    if (first_problem.empty()) {
      first_problem = problem;
      first_outcome = run.run ? Outcome::failed : run.outcome;
    }
  }
  if (passed == cases.size()) {
    result.outcome = Outcome::passed;
    return result;
  }
  // A crash or timeout in the only case is that outcome; among several cases, the check failed
  // (in part) and the explanation names the first case that did not pass and why.
  result.outcome = cases.size() == 1 ? first_outcome : Outcome::failed;
  result.earned = static_cast<double>(check.points) * static_cast<double>(passed) / static_cast<double>(cases.size());
  result.explanation = tr(env.lang, fmt::format("{}/{} 케이스 통과; ", passed, cases.size()),
                          fmt::format("{}/{} cases passed; ", passed, cases.size())) +
                       first_problem;
  return result;
}

}  // namespace gclab::grader
