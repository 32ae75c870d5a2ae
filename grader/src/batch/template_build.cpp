#include "batch/template_build.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "course/course.hpp"
#include "runner/sandbox.hpp"
#include "text/lines.hpp"

namespace gclab::grader::batch {

namespace fs = std::filesystem;

namespace {

std::string run_tool(const std::vector<std::string>& argv, const std::string& what) {
  RunRequest request;
  request.argv = argv;
  request.merge_stderr = true;
  request.limits.timeout = std::chrono::minutes(30);
  request.limits.memory_bytes = 0;  // our own compilers and tools
  request.limits.output_bytes = std::size_t{16} << 20;
  const RunResult run = run_sandboxed(request);
  if (!run.succeeded())
    throw std::runtime_error(fmt::format("{} failed:\n{}", what, run.end == RunResult::End::not_started ? run.err : last_lines(run.out, 20)));
  return run.out;
}

/// A command line as Ninja prints it, as an argument list: CMake's commands for these targets
/// quote nothing (no path has a blank), and a link is wrapped in `: && ... && :`. The
/// dependency-file options (-MD -MT -MF) go: nothing reads those files. Relative paths, relative
/// to the build directory, become absolute.
ExerciseRecipe::Command to_argv(const std::string& line, const fs::path& build_dir) {
  if (line.find_first_of("'\"\\") != std::string::npos)
    throw std::runtime_error("cannot read a quoted command from the template build: " + line);
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string w; in >> w;) words.push_back(w);
  if (words.size() >= 2 && words[0] == ":" && words[1] == "&&") words.erase(words.begin(), words.begin() + 2);
  if (words.size() >= 2 && words[words.size() - 2] == "&&" && words.back() == ":") words.resize(words.size() - 2);
  ExerciseRecipe::Command argv;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "-MD") continue;
    if (words[i] == "-MT" || words[i] == "-MF") {
      ++i;
      continue;
    }
    const bool relative = words[i][0] != '-' && words[i][0] != '/' && words[i][0] != '@';
    argv.push_back(relative && fs::exists(build_dir / words[i]) ? (build_dir / words[i]).string() : words[i]);
  }
  return argv;
}

/// The target's own commands from `ninja -t commands <program>` (which lists every command the
/// program needs, the engine's included): compiles whose object is in the target's folder, and
/// the last command, the link.
ExerciseRecipe read_recipe(const fs::path& build_dir, const fs::path& course_root, const std::string& ex) {
  const std::string target = target_name(Against::exercise, ex);
  const std::string program = fmt::format("exercises/bin/{}", ex);
  const std::string object_dir = fmt::format("exercises/CMakeFiles/{}.dir/", target);
  const std::vector<std::string> commands =
      split_lines(run_tool({"/usr/bin/env", "ninja", "-C", build_dir.string(), "-t", "commands", program}, "ninja -t commands " + program));
  if (commands.empty() || commands.back().find("-o " + program + " ") == std::string::npos)
    throw std::runtime_error(fmt::format("{}: cannot find the link command of {} (is this CMake's Ninja build?)", build_dir.string(), program));

  std::string link = replace_all(commands.back(), "-o " + program + " ", fmt::format("-o {} ", kProgram));
  const std::string source_dir = (course_root / "exercises" / ex).string();
  ExerciseRecipe recipe;
  for (const std::string& command : commands) {
    const auto o = command.find(" -o " + object_dir);
    if (o == std::string::npos) continue;
    const auto start = o + 4;
    const std::string object = command.substr(start, command.find(' ', start) - start);
    const std::string placeholder = object_placeholder(recipe.compiles.size());
    recipe.compiles.push_back(to_argv(replace_all(replace_all(command, object, placeholder), source_dir, kSourceDir), build_dir));
    link = replace_all(link, object, placeholder);
  }
  recipe.link = to_argv(link, build_dir);
  if (recipe.compiles.empty()) throw std::runtime_error(fmt::format("{}: no compile command for {}", build_dir.string(), target));
  return recipe;
}

/// CMAKE_HOME_DIRECTORY from the build's CMakeCache.txt.
fs::path configured_source(const fs::path& build_dir) {
  std::ifstream cache(build_dir / "CMakeCache.txt");
  const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
  for (std::string line; std::getline(cache, line);)
    if (line.starts_with(key)) return line.substr(key.size());
  throw std::runtime_error(fmt::format("{}: no CMAKE_HOME_DIRECTORY in CMakeCache.txt", build_dir.string()));
}

}  // namespace

std::string object_placeholder(std::size_t i) { return fmt::format("@GCLAB_OBJECT{}@", i); }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

TemplateBuild TemplateBuild::prepare(const fs::path& build_dir, const std::vector<std::string>& exercises) {
  if (!fs::exists(build_dir / "build.ninja"))
    throw std::runtime_error(fmt::format("{} is not a Ninja build directory: batch grading reads its commands (configure with -G Ninja)", build_dir.string()));
  std::vector<std::string> argv = {"/usr/bin/env", "cmake", "--build", build_dir.string(), "-j", "2", "--target"};
  for (const std::string& ex : exercises) {
    argv.push_back(target_name(Against::exercise, ex));
    argv.push_back(target_name(Against::solution, ex));
  }
  run_tool(argv, "building the course's exercises and solutions in " + build_dir.string());
  TemplateBuild build;
  build.build_dir_ = build_dir;
  build.source_root_ = configured_source(build_dir);
  for (const std::string& ex : exercises) build.recipes_[ex] = read_recipe(build_dir, build.source_root_, ex);
  return build;
}

const ExerciseRecipe& TemplateBuild::recipe(const std::string& exercise) const {
  const auto it = recipes_.find(exercise);
  if (it == recipes_.end()) throw std::logic_error("no recipe for " + exercise);
  return it->second;
}

}  // namespace gclab::grader::batch
