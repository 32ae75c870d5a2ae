// The one place a submission's code is compiled or linked. Student code is hostile even at
// compile time (a template bomb, an #include of the solutions), so every compile runs in the
// sandbox (build/compile_sandbox.hpp) under the compile limits, seeing the template build and the
// course's headers read-only -- the solutions and hidden rubrics hidden -- and writing only in
// its scratch folder.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "build/builder.hpp"

namespace gclab::grader::batch {

struct CompileContext {
  std::filesystem::path course_root;  ///< the template's source tree: read-only, but for solutions/ and grader/hidden/
  std::filesystem::path build_dir;    ///< the template build, read-only (but for its solutions/)
  std::filesystem::path source_dir;   ///< the submission's staged exercise folder, read-only
  std::filesystem::path cache_dir;    ///< the compile cache (objects a link reads), read-only
  std::filesystem::path scratch;      ///< the working directory and the only writable place
  std::filesystem::path source_root;  ///< cut from paths in the first error
};

/// Runs one compile or link command (argv, absolute paths) isolated as described above.
BuildResult compile_step(const std::vector<std::string>& argv, const CompileContext& context);

}  // namespace gclab::grader::batch
