// The machine-readable outputs of `gclab grade --format ...`. Each takes the whole report, the
// grader's failure included, so a class's CI never shows a blank result.
//
//   json        gclab's own schema, versioned (kJsonSchemaVersion; documented in grader/README.md)
//   gradescope  results.json as Gradescope's autograder specification defines it
//   junit       JUnit XML as GitHub Actions, GitLab and Jenkins render it
//   classroom   a runner's result as GitHub Classroom's autograding reporter reads it
#pragma once

#include <string>

#include "report/report.hpp"
#include "text/lang.hpp"

namespace gclab::grader::report {

inline constexpr int kJsonSchemaVersion = 1;

std::string to_json(const BatchReport& report, Lang lang);

/// One submission's results.json (Gradescope grades one submission per run): the report's first
/// submission, or none when the grader failed before reading it. Check visibility maps to
/// Gradescope's: visible -> "visible", hidden -> "hidden", after_due_date -> "after_due_date".
std::string to_gradescope(const BatchReport& report, Lang lang);

/// One <testsuite> per submission and exercise, one <testcase> per check; a check that did not
/// pass has its explanation in the BODY of <failure> (GitLab shows no attributes) and every
/// check its points as <properties>. The grader's own failures are <error> elements.
std::string to_junit(const BatchReport& report, Lang lang);

/// One submission's results as a runner of GitHub Classroom's autograding reports them to the
/// reporter action (classroom-resources/autograding-grading-reporter): base64 of
/// {"version":1,"status":"pass"|"fail","max_score":N,"tests":[{"name","status","score","message"}]},
/// one test per check, its score the points earned (partial points included).
std::string to_classroom(const SubmissionReport& submission, Lang lang);

}  // namespace gclab::grader::report
