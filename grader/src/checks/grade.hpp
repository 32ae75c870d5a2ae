// Grading: every check of a rubric, in order, against one subject.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "checks/context.hpp"
#include "checks/outcome.hpp"
#include "rubric/rubric.hpp"

namespace gclab::grader {

/// Which checks run: students see visible ones; instructors (`--hidden`) all of them.
bool selected(const Check& check, bool hidden);

/// Runs `checks` in order. A check whose dependency did not pass is skipped with the reason
/// ("skipped: builds failed"), so one mistake is reported once, not as a pile of failures. A
/// check that throws (a grader bug) fails alone. `on_result` sees each result as it is known.
/// `known`: results already established (the batch gradebook's), by check id: such a check is not
/// run again, its result stands, and the checks that depend on it see its outcome.
GradeReport grade(const std::string& exercise, const std::vector<Check>& checks, CheckEnv& env,
                  const std::function<void(const CheckResult&)>& on_result = {},
                  const std::map<std::string, CheckResult>& known = {});

/// The report of an exercise that was not attempted (or is missing): every check of `checks`
/// `not_attempted`, 0 points, and nothing built or run (how a class is graded).
GradeReport not_attempted(const std::string& exercise, const std::vector<Check>& checks, Attempt attempt, Lang lang);

/// `report`, of a stub's program that ran, made worth nothing: a check it passed is
/// `not_attempted`, one it failed keeps its explanation (what `gclab check` shows a student who
/// starts out), and every check earns 0.
void mark_not_attempted(GradeReport& report, Attempt attempt, Lang lang);

}  // namespace gclab::grader
