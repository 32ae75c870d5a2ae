// Building one CMake target at a time: a compile error in one exercise costs that exercise only,
// and an edited exercise rebuilds incrementally.
#pragma once

#include <filesystem>
#include <map>
#include <string>

namespace gclab::grader {

struct BuildResult {
  bool ok = false;
  bool timed_out = false;
  std::string log;          ///< everything the build printed
  std::string first_error;  ///< the compiler's first error, a few lines, paths relative to the course
};

/// Builds targets; checks ask for a target each time they need its program, so the interface
/// remembers what it built in this session (one build per target per `gclab check`).
class Builder {
 public:
  virtual ~Builder() = default;
  virtual BuildResult build(const std::string& target) = 0;
};

/// `cmake --build <dir> --target <target> -j 2` (2 jobs: the course machines have 2 cores and are
/// shared). Results are cached for the builder's lifetime.
class CMakeBuilder : public Builder {
 public:
  CMakeBuilder(std::filesystem::path build_dir, std::filesystem::path source_root)
      : build_dir_(std::move(build_dir)), source_root_(std::move(source_root)) {}
  BuildResult build(const std::string& target) override;
  /// Forgets what was built, for `gclab watch` (the sources changed since).
  void forget() { built_.clear(); }

 private:
  std::filesystem::path build_dir_;
  std::filesystem::path source_root_;
  std::map<std::string, BuildResult> built_;
};

}  // namespace gclab::grader
