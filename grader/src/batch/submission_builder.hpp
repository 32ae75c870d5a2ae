// Building one exercise of one submission from the template build's recipe, through a compile
// cache on disk keyed by content: an object's key is the hash of its compile command and the
// exercise's staged files, a program's the hash of its link command and its objects' keys. Files
// identical across a class (untouched stubs, copied answers) compile and link once, and a rerun
// of the batch compiles nothing it compiled before.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>

#include "batch/compile_step.hpp"
#include "batch/template_build.hpp"
#include "build/builder.hpp"

namespace gclab::grader::batch {

/// What the builders of a batch did, for the statistics (shared by the workers).
struct BuildCounters {
  std::atomic<int> compiled{0};    ///< compile commands run
  std::atomic<int> linked{0};      ///< link commands run
  std::atomic<int> cache_hits{0};  ///< objects or programs found in the cache
};

class SubmissionBuilder : public Builder {
 public:
  /// `context.source_dir` is the submission's staged `exercises/<exercise>`, `exercise_hash` the
  /// hash of its files; `context.scratch` is where this builder's compiles write (created here).
  SubmissionBuilder(const TemplateBuild& templ, std::filesystem::path cache_dir, std::string exercise,
                    CompileContext context, const std::string& exercise_hash, BuildCounters& counters);

  /// Where the exercise's program is once build() succeeded.
  const std::filesystem::path& program() const { return program_; }
  /// The exercise target is compiled and linked (once per builder); the solution target is the
  /// template's, built already; other targets are not the submission's to build.
  BuildResult build(const std::string& target) override;

 private:
  BuildResult build_program();
  /// Compiles object `i` into the cache unless it is there; the failure's result, or nothing.
  std::optional<BuildResult> compile_object(std::size_t i, const std::filesystem::path& object);
  /// `command` with its placeholders filled in.
  std::vector<std::string> instantiate(std::vector<std::string> command, const std::vector<std::pair<std::string, std::string>>& values) const;

  const TemplateBuild& templ_;
  std::filesystem::path cache_dir_;
  std::string exercise_;
  CompileContext context_;
  BuildCounters& counters_;
  std::vector<std::string> object_keys_;
  std::filesystem::path program_;
  std::optional<BuildResult> built_;
};

}  // namespace gclab::grader::batch
