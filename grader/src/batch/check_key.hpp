// A check's definition as a hash: the gradebook's key for "this check, as the rubric says it
// now". After a rubric change only the checks whose hash changed are graded again.
#pragma once

#include <string>
#include <vector>

#include "rubric/rubric.hpp"
#include "text/lang.hpp"

namespace gclab::grader::batch {

/// One hash per check, in order. A check's hash covers what decides its result: kind, points,
/// limits, visibility, its `with:` parameters (and an `expected_file`'s contents), the language
/// of its explanation, and the hashes of the checks it depends on (a changed dependency can turn
/// a skip into a run). Not its feedback text: that is taken from the rubric at report time.
std::vector<std::string> check_hashes(const std::vector<Check>& checks, Lang lang);

}  // namespace gclab::grader::batch
