// One function per check kind. Each returns the check's result with `outcome`, `earned` and
// `explanation` filled in; grade() fills in the rest (id, points, feedback) and the skipping.
#pragma once

#include <string>
#include <variant>

#include "checks/context.hpp"
#include "checks/outcome.hpp"
#include "rubric/rubric.hpp"

namespace gclab::grader {

CheckResult check_compiles(CheckEnv& env, const Check& check);
CheckResult check_output_matches(CheckEnv& env, const Check& check);
/// What an output_matches check that compares with the solution expects, as `gclab release`
/// records it for the student course (where no solution is): the solution's output of each of the
/// check's parts, one after the other, as the comparison sees them: the program's own file named as
/// the student's, addresses and elapsed times normalised, the check's `ignore_lines` left out and
/// its `replace` made. A CheckResult when the solution did not run.
std::variant<std::string, CheckResult> recorded_solution_output(CheckEnv& env, const Check& check);
CheckResult check_catch2(CheckEnv& env, const Check& check);
/// Whether this grader can run `kind`: the problem kinds need grader/problems/ built in.
bool kind_available(CheckKind kind);

/// refcount_predictions, cycle_freed_by_weakref, profiling_report, threshold_experiment.
CheckResult check_problem(CheckEnv& env, const Check& check);

}  // namespace gclab::grader
