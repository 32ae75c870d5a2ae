#include <fstream>
#include <vector>

#include "build/builder.hpp"
#include "build/compile_sandbox.hpp"

namespace gclab::grader {

namespace {

namespace fs = std::filesystem;

/// The source tree the build directory was configured from (CMakeCache.txt's
/// CMAKE_HOME_DIRECTORY): the sources ninja compiles and the CMake files it checks are there,
/// which is not always the course gclab grades (`--root` elsewhere).
fs::path configured_source_dir(const fs::path& build_dir) {
  std::ifstream cache(build_dir / "CMakeCache.txt");
  const std::string key = "CMAKE_HOME_DIRECTORY:INTERNAL=";
  for (std::string line; std::getline(cache, line);)
    if (line.starts_with(key)) return line.substr(key.size());
  return {};
}

/// What a build must not see, although it runs in the course's trees: the instructors' hidden
/// rubrics and, unless it builds a reference solution itself, the solutions (sources, objects,
/// programs, and the notebook program built from them). A solution's source stays visible by
/// name but unreadable, so that CMake, should the build re-run it, still finds every source.
std::vector<fs::path> secrets(const fs::path& build_dir, const std::vector<fs::path>& roots, bool solutions_too) {
  std::vector<fs::path> hidden;
  for (const fs::path& root : roots) hidden.push_back(root / "grader" / "hidden");
  if (!solutions_too) return hidden;
  hidden.insert(hidden.end(), {build_dir / "solutions", build_dir / "notebook"});
  std::error_code ec;
  for (const fs::path& root : roots)
    for (auto it = fs::recursive_directory_iterator(root / "solutions", ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file() && it->path().filename() != "CMakeLists.txt") hidden.push_back(it->path());
  return hidden;
}

}  // namespace

BuildResult CMakeBuilder::build(const std::string& target) {
  if (auto it = built_.find(target); it != built_.end()) return it->second;
  const fs::path build_dir = fs::absolute(build_dir_);
  std::vector<fs::path> roots = {fs::absolute(source_root_)};
  if (const fs::path configured = configured_source_dir(build_dir); !configured.empty() && configured != roots[0])
    roots.push_back(configured);
  Isolation isolation;
  isolation.read_only = roots;
  isolation.writable = {build_dir};
  isolation.hidden = secrets(build_dir, roots, !target.starts_with("solution-"));
  isolation.drop_privileges = false;  // the build tree is the grader user's
  // A stale build tree rebuilds the engine too: the whole build may take minutes, but each
  // compiler process still has for_compile()'s CPU time, which is what stops a template bomb.
  RunLimits limits = RunLimits::for_compile();
  limits.timeout = std::chrono::minutes(15);
  const BuildResult result = build_in_sandbox(
      {"/usr/bin/env", "cmake", "--build", build_dir.string(), "--target", target, "-j", "2"}, isolation, limits,
      source_root_);
  built_[target] = result;
  return result;
}

}  // namespace gclab::grader
