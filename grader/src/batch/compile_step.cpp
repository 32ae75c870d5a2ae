#include "batch/compile_step.hpp"

#include "build/compile_sandbox.hpp"
#include "runner/sandbox.hpp"

namespace gclab::grader::batch {

BuildResult compile_step(const std::vector<std::string>& argv, const CompileContext& context) {
  Isolation isolation;
  isolation.read_only = {context.course_root, context.build_dir, context.source_dir, context.cache_dir};
  isolation.hidden = {context.course_root / "solutions", context.course_root / "grader" / "hidden",
                      context.build_dir / "solutions"};
  isolation.scratch = context.scratch;
  return build_in_sandbox(argv, isolation, RunLimits::for_compile(), context.source_root);
}

}  // namespace gclab::grader::batch
