// What a check needs to run: who is graded, how to build, in which language to explain.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "build/builder.hpp"
#include "course/course.hpp"
#include "runner/sandbox.hpp"
#include "text/lang.hpp"

namespace gclab::grader {

struct CheckEnv {
  Builder& builder;
  Subject subject;    ///< the program being graded (the student's, or the solution's)
  Subject reference;  ///< the solution, whose output `expected: solution` compares against
  std::filesystem::path build_dir;    ///< catch2 `program:` paths are relative to it
  std::filesystem::path source_root;  ///< trimmed from paths in messages
  Lang lang = Lang::en;
  bool memory_limits = true;          ///< off in sanitizer builds (see Course::sanitized)
  /// The reference's runs, by argument list: one solution run serves every check that needs it.
  std::map<std::string, RunResult> reference_runs;
};

/// What the checks need to grade `exercise` of `course` against its exercise or its solution.
CheckEnv env_for(Builder& builder, const Course& course, const std::string& exercise, Against against, Lang lang);

}  // namespace gclab::grader
