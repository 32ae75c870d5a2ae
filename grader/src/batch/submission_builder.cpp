#include "batch/submission_builder.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include "batch/hash.hpp"
#include "course/course.hpp"

namespace gclab::grader::batch {

namespace fs = std::filesystem;

namespace {

/// A name no other writer uses, for writing a cache entry before renaming it into place: two
/// workers building the same content at once both succeed, and the rename is atomic.
fs::path scratch_name(const fs::path& final_path) {
  return fs::path(fmt::format("{}.{}.{}.tmp", final_path.string(), ::getpid(),
                              std::hash<std::thread::id>{}(std::this_thread::get_id())));
}

/// Copies a file the sandbox wrote into the cache: copied (the scratch may be another file
/// system), then renamed into place.
void store_in_cache(const fs::path& from, const fs::path& to) {
  const fs::path tmp = scratch_name(to);
  fs::copy_file(from, tmp, fs::copy_options::overwrite_existing);
  fs::rename(tmp, to);
}

}  // namespace

SubmissionBuilder::SubmissionBuilder(const TemplateBuild& templ, fs::path cache_dir, std::string exercise,
                                     CompileContext context, const std::string& exercise_hash, BuildCounters& counters)
    : templ_(templ), cache_dir_(std::move(cache_dir)), exercise_(std::move(exercise)), context_(std::move(context)),
      counters_(counters) {
  const ExerciseRecipe& recipe = templ_.recipe(exercise_);
  Hasher program_key;
  program_key.add("program").add(fmt::format("{}", fmt::join(recipe.link, "\n")));
  for (const ExerciseRecipe::Command& compile : recipe.compiles) {
    object_keys_.push_back(Hasher().add("object").add(fmt::format("{}", fmt::join(compile, "\n"))).add(exercise_hash).hex());
    program_key.add(object_keys_.back());
  }
  program_ = cache_dir_ / (program_key.hex() + ".program");
}

BuildResult SubmissionBuilder::build(const std::string& target) {
  if (target == target_name(Against::solution, exercise_)) return {true, false, {}, {}};
  if (target != target_name(Against::exercise, exercise_)) {
    BuildResult refused;
    refused.first_error = fmt::format("batch grading builds only the exercise's own program, not {}", target);
    return refused;
  }
  if (!built_) built_ = build_program();
  return *built_;
}

std::vector<std::string> SubmissionBuilder::instantiate(std::vector<std::string> command,
                                                        const std::vector<std::pair<std::string, std::string>>& values) const {
  for (std::string& word : command)
    for (const auto& [placeholder, value] : values) word = replace_all(word, placeholder, value);
  return command;
}

std::optional<BuildResult> SubmissionBuilder::compile_object(std::size_t i, const fs::path& object) {
  if (fs::exists(object)) {
    ++counters_.cache_hits;
    return std::nullopt;
  }
  const fs::path out = context_.scratch / fmt::format("object{}.o", i);
  ++counters_.compiled;
  BuildResult result = compile_step(
      instantiate(templ_.recipe(exercise_).compiles[i], {{kSourceDir, context_.source_dir.string()}, {object_placeholder(i), out.string()}}),
      context_);
  // A failed compile is not cached: whether it failed for what the student wrote or for the
  // machine (a timeout under load, a sandbox that could not start) cannot be told apart here.
  if (!result.ok) return result;
  store_in_cache(out, object);
  return std::nullopt;
}

BuildResult SubmissionBuilder::build_program() {
  if (fs::exists(program_)) {
    ++counters_.cache_hits;
    return {true, false, {}, {}};
  }
  fs::create_directories(cache_dir_);
  fs::create_directories(context_.scratch);
  std::vector<std::pair<std::string, std::string>> values;
  for (std::size_t i = 0; i < object_keys_.size(); ++i) {
    const fs::path object = cache_dir_ / (object_keys_[i] + ".o");
    if (auto failure = compile_object(i, object)) return *failure;
    values.emplace_back(object_placeholder(i), object.string());
  }
  const fs::path out = context_.scratch / "program";
  values.emplace_back(kProgram, out.string());
  ++counters_.linked;
  BuildResult result = compile_step(instantiate(templ_.recipe(exercise_).link, values), context_);
  if (result.ok) store_in_cache(out, program_);
  return result;
}

}  // namespace gclab::grader::batch
