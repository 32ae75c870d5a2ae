// JUnit XML: the de-facto schema of Ant's XML report, as GitHub Actions (test-reporter actions),
// GitLab (artifacts:reports:junit) and Jenkins (junit step) read it.
#include <fmt/format.h>

#include "report/formats.hpp"

namespace gclab::grader::report {

namespace {

/// Text for an attribute or element body: cleaned, then the five XML specials escaped.
std::string xml(std::string_view text) {
  std::string out;
  for (char c : clean_text(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\n': out += "&#10;"; break;
      default: out += c;
    }
  }
  return out;
}

/// Element bodies keep their line breaks (only attributes need them as references).
std::string xml_body(std::string_view text) {
  std::string escaped = xml(text);
  for (auto at = escaped.find("&#10;"); at != std::string::npos; at = escaped.find("&#10;", at + 1)) escaped.replace(at, 5, "\n");
  return escaped;
}

std::string property(std::string_view name, const std::string& value) {
  return fmt::format("<property name=\"{}\" value=\"{}\"/>", xml(name), xml(value));
}

std::string points(double earned) { return fmt::format("{:g}", earned); }

struct Counts {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
};

std::string testcase(const std::string& classname, const CheckResult& r, Lang lang, Counts& counts) {
  ++counts.tests;
  std::string body = "      <properties>" + property("points", std::to_string(r.points)) + property("earned", points(r.earned)) +
                     property("outcome", std::string(outcome_id(r.outcome))) +
                     property("visibility", std::string(visibility_name(r.visibility))) + "</properties>\n";
  if (r.outcome == Outcome::skipped) {
    ++counts.skipped;
    body += fmt::format("      <skipped message=\"{}\">{}</skipped>\n", xml(r.explanation), xml_body(r.explanation));
  } else if (r.outcome != Outcome::passed) {
    ++counts.failures;
    const std::string label = outcome_label(r.outcome, lang);
    body += fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml(label), xml(std::string(outcome_id(r.outcome))),
                        xml_body(check_output(r, lang)));
  }
  return fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\">\n{}    </testcase>\n", xml(classname), xml(r.id), body);
}

std::string suite(const std::string& name, double seconds, const Counts& c, const std::string& properties, const std::string& cases) {
  return fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n{}{}  </testsuite>\n",
                     xml(name), c.tests, c.failures, c.errors, c.skipped, seconds, properties, cases);
}

/// A suite holding one <error> test case: how the grader's own failure shows up.
std::string error_suite(const std::string& name, const std::string& message, Counts& total) {
  Counts c{1, 0, 1, 0};
  total.tests += 1;
  total.errors += 1;
  const std::string cases = fmt::format("    <testcase classname=\"{}\" name=\"grader\" time=\"0\">\n      <error message=\"{}\" type=\"grader_error\">{}</error>\n    </testcase>\n",
                                        xml(name), xml(message), xml_body(message));
  return suite(name, 0, c, {}, cases);
}

}  // namespace

std::string to_junit(const BatchReport& report, Lang lang) {
  Counts total;
  std::string suites;
  if (!report.error.empty()) suites += error_suite("gclab", report.error, total);
  for (const SubmissionReport& s : report.submissions) {
    if (!s.error.empty()) suites += error_suite(s.id, s.error, total);
    for (const ExerciseReport& e : s.exercises) {
      const std::string name = s.id + ": " + e.grade.exercise;
      if (!e.error.empty()) suites += error_suite(name, e.error, total);
      Counts c;
      std::string cases;
      for (const CheckResult& r : e.grade.results) cases += testcase(s.id + "." + e.grade.exercise, r, lang, c);
      const std::string properties = "    <properties>" + property("score", points(e.grade.earned())) +
                                     property("max_score", std::to_string(e.grade.possible())) +
                                     property("attempt", std::string(attempt_id(e.grade.attempt))) + "</properties>\n";
      suites += suite(name, e.seconds, c, properties, cases);
      total.tests += c.tests;
      total.failures += c.failures;
      total.errors += c.errors;
      total.skipped += c.skipped;
    }
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"gclab\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3f}\">\n{}</testsuites>\n",
                     total.tests, total.failures, total.errors, total.skipped, report.seconds, suites);
}

}  // namespace gclab::grader::report
