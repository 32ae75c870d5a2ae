// kind: compiles -- the exercise's own target builds (and nothing else is built).
#include "checks/kinds.hpp"
#include "checks/run_program.hpp"

namespace gclab::grader {

CheckResult check_compiles(CheckEnv& env, const Check&) {
  const BuildResult build = env.builder.build(env.subject.target);
  if (build.ok) return result_of(Outcome::passed);
  const ProgramRun failure = build_failure(build, env.lang);
  return result_of(failure.outcome, failure.explanation);
}

}  // namespace gclab::grader
