// The course's build directory as a template: configured and built once, then read for the exact
// compile and link commands of each exercise's program, so a submission's exercise is compiled
// with those commands (its sources swapped in) against the prebuilt engine, workbook, probe
// objects and precompiled header -- no CMake configure per submission.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gclab::grader::batch {

/// How one exercise's program is built: argument lists with absolute paths (they run in a
/// sandbox's scratch folder, not in the build directory) and placeholders: kSourceDir for the
/// exercise's folder, object_placeholder(i) for the i-th object, kProgram for the program.
struct ExerciseRecipe {
  using Command = std::vector<std::string>;
  std::vector<Command> compiles;  ///< the target's own objects (exercise.cpp, a problem's probe)
  Command link;                   ///< names the objects by object_placeholder(i), `compiles` order
};

inline constexpr const char* kSourceDir = "@GCLAB_SOURCE_DIR@";
inline constexpr const char* kProgram = "@GCLAB_PROGRAM@";

class TemplateBuild {
 public:
  /// Builds every exercise and solution program in `build_dir` (a CMake Ninja build) and reads
  /// each exercise's recipe. Throws std::runtime_error when the build fails or the directory is
  /// not a Ninja build.
  static TemplateBuild prepare(const std::filesystem::path& build_dir, const std::vector<std::string>& exercises);

  const std::filesystem::path& build_dir() const { return build_dir_; }
  /// The source tree the build was configured from (its engine, workbook and probes): read-only
  /// to compiles, whatever course the rubrics come from.
  const std::filesystem::path& source_root() const { return source_root_; }
  const ExerciseRecipe& recipe(const std::string& exercise) const;

 private:
  std::filesystem::path build_dir_;
  std::filesystem::path source_root_;
  std::map<std::string, ExerciseRecipe> recipes_;
};

/// "@GCLAB_OBJECT<i>@": unique even for ten objects or more (no placeholder prefixes another).
std::string object_placeholder(std::size_t i);

/// `text` with every `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to);

}  // namespace gclab::grader::batch
