// Runs for the checks' tests: a hand-written report from fixtures/ (JSON lines, written from the
// semantics: what the program or probe reports for a given student's code), with the fixtures
// folder as the student's exercise folder.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "gclab/grader/problem_checks.hpp"

inline std::filesystem::path fixtures() { return GCLAB_PROBLEM_FIXTURES; }

/// `with` is the rubric check's `with:` map, as YAML flow text ("{answers: p1_answers_right.yaml}");
/// `printed` a fixture holding what the program printed, if the check reads it.
inline gclab::grader::ProblemRun fixture_run(const std::string& report, const std::string& with = "{}",
                                             const std::string& printed = "") {
  std::ostringstream text;
  if (!printed.empty()) text << std::ifstream(fixtures() / printed).rdbuf();
  std::ostringstream reported;
  reported << std::ifstream(fixtures() / report).rdbuf();
  return {fixtures(), text.str(), reported.str(), YAML::Load(with)};
}

/// The same run graded for a student who reads Korean (gclab --lang ko).
inline gclab::grader::ProblemRun in_korean(gclab::grader::ProblemRun run) {
  run.lang = gclab::grader::Lang::ko;
  return run;
}
