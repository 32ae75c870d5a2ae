// A visible rubric as the student course holds it. There is no solution to run there, so each
// output_matches check that compares with the solution (`expected: solution`, written or by
// default) compares with the solution's output recorded at release time instead:
// `expected_file: expected/<check id>.txt`. The rest of the file (comments, layout, the Korean
// texts) stays as the author wrote it.
#pragma once

#include <string>
#include <vector>

#include "rubric/rubric.hpp"

namespace gclab::grader::release {

/// Where the student course keeps a check's recorded output, relative to its rubric's folder.
std::string recorded_output_path(const std::string& check_id);

/// The checks of `rubric` whose expected output is the solution's.
std::vector<const Check*> checks_compared_with_solution(const Rubric& rubric);

/// `text`, the YAML of `rubric` (`rubric.file` is named in errors), with each of those checks
/// pointed at its recorded output. Throws RubricError where the file cannot be edited in place.
std::string with_recorded_outputs(const std::string& text, const Rubric& rubric);

}  // namespace gclab::grader::release
