// Paths the grader tests use (set by tests/grader/CMakeLists.txt) and small helpers.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "build/builder.hpp"
#include "checks/context.hpp"
#include "runner/sandbox.hpp"

namespace gclab::grader::testing {

inline const std::filesystem::path kSourceDir = GCLAB_TEST_SOURCE_DIR;
inline const std::filesystem::path kBuildDir = GCLAB_TEST_BUILD_DIR;
inline const std::filesystem::path kFixtures = GCLAB_TEST_FIXTURES;
inline const std::filesystem::path kFixture = GCLAB_TEST_FIXTURE;
inline const std::filesystem::path kFixtureReference = GCLAB_TEST_FIXTURE_REFERENCE;
inline const std::filesystem::path kGclab = GCLAB_TEST_GCLAB;
inline const std::filesystem::path kPython = GCLAB_TEST_PYTHON;

/// A builder whose builds all succeed, except the targets given a failing result.
class FakeBuilder : public Builder {
 public:
  std::map<std::string, BuildResult> failures;
  std::vector<std::string> built;
  BuildResult build(const std::string& target) override {
    built.push_back(target);
    if (auto it = failures.find(target); it != failures.end()) return it->second;
    BuildResult ok;
    ok.ok = true;
    return ok;
  }
};

/// An environment grading the fixture program against the reference fixture, in English.
inline CheckEnv fixture_env(Builder& builder) {
  return CheckEnv{builder,
                  {"fixture", kFixtures, "fixture-target", kFixture},
                  {"fixture", kFixtures, "reference-target", kFixtureReference},
                  kBuildDir,
                  kSourceDir,
                  Lang::en,
                  true,
                  {}};
}

/// Runs `gclab args...` from `cwd`, stdout and stderr apart. `progress_file`: where gclab keeps
/// progress (a test that grades in the real build directory must not touch its student's).
/// `env`: more environment variables for gclab.
inline RunResult run_gclab(const std::vector<std::string>& args, const std::filesystem::path& cwd = {},
                           const std::filesystem::path& progress_file = {},
                           std::vector<std::pair<std::string, std::string>> env = {}) {
  RunRequest request;
  request.env = std::move(env);
  if (!progress_file.empty()) request.env.emplace_back("GCLAB_PROGRESS_FILE", progress_file.string());
  request.argv = {kGclab.string(), "--no-color"};
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.cwd = cwd;
  request.limits.memory_bytes = 0;
  request.limits.timeout = std::chrono::seconds(60);
  return run_sandboxed(request);
}

}  // namespace gclab::grader::testing
