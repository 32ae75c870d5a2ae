// The rubric schema: every rubric in the tree is valid, and every kind of mistake gives its one
// exact `file:line:column: message` and gclab's exit status 3.
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

#include "course/course.hpp"
#include "rubric/load.hpp"
#include "support.hpp"
#include "text/nearest.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

TEST_CASE("every rubric in the tree validates, hidden ones with their visible ones", "[rubric]") {
  const Course course(kSourceDir, kBuildDir);
  std::size_t rubrics = 0;
  for (const std::string& name : course.exercises()) {
    if (!std::filesystem::exists(course.visible_rubric(name))) continue;
    INFO(name);
    const Rubric rubric = course.rubric(name, true);  // throws RubricError with the place
    CHECK(rubric.exercise == name);
    CHECK_FALSE(rubric.title.ko.empty());
    CHECK_FALSE(rubric.title.en.empty());
    for (const Localized& hint : rubric.hints) CHECK((!hint.ko.empty() && !hint.en.empty()));
    ++rubrics;
  }
  CHECK(rubrics >= 12);
  // Every hidden rubric belongs to an exercise that exists.
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir / "grader" / "hidden")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path());
    CHECK(std::filesystem::exists(course.visible_rubric(entry.path().stem().string())));
  }
}

TEST_CASE("each of the 12 notebook sections has a compiles check and an output check on the solution", "[rubric]") {
  const Course course(kSourceDir, kBuildDir);
  for (const char* name : {"02.1-getrefcount", "02.2-types-and-interning", "02.3-function-calls", "03-circular-references",
                           "04-gc-basics", "04.1-debug-flags", "04.2-generations", "04.3-garbage-and-saveall", "06-weakref",
                           "06.1-ref-and-proxy", "06.2-weak-dictionaries", "07-observer-pattern"}) {
    INFO(name);
    const Rubric rubric = course.rubric(name, false);
    REQUIRE(rubric.checks.size() >= 2);
    CHECK(rubric.checks[0].kind == CheckKind::compiles);
    for (std::size_t i = 1; i < rubric.checks.size(); ++i) {
      CHECK(rubric.checks[i].kind == CheckKind::output_matches);
      CHECK(rubric.checks[i].depends_on == std::vector<std::string>{rubric.checks[0].id});
    }
    CHECK(rubric.hints.size() >= 2);
    CHECK(rubric.hints.size() <= 3);
  }
}

TEST_CASE("defaults: 1 point, 10 s, 512 MiB, visible (hidden in grader/hidden)", "[rubric]") {
  const Rubric rubric = load_rubric(kFixtures / "rubrics" / "depends.yaml", {});
  const Check& builds = rubric.checks[0];
  CHECK(builds.points == 1);
  CHECK(builds.timeout_seconds == 10);
  CHECK(builds.memory_mib == 512);
  CHECK(builds.visibility == Visibility::visible);
  CHECK(builds.depends_on.empty());
  LoadOptions hidden;
  hidden.role = RubricRole::hidden;
  CHECK(load_rubric(kFixtures / "rubrics" / "depends.yaml", hidden).checks[0].visibility == Visibility::hidden);
}

TEST_CASE("a rubric's place decides its role and its exercise", "[rubric]") {
  const LoadOptions visible = options_for_path("exercises/02.1-getrefcount/rubric.yaml");
  CHECK(visible.role == RubricRole::exercise);
  CHECK(visible.expected_exercise == "02.1-getrefcount");
  const LoadOptions hidden = options_for_path("grader/hidden/03-circular-references.yaml");
  CHECK(hidden.role == RubricRole::hidden);
  CHECK(hidden.expected_exercise == "03-circular-references");
}

TEST_CASE("nearest names: typos within a third of the word, ties to the first", "[rubric]") {
  CHECK(edit_distance("pionts", "points") == 2);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(nearest_name("pionts", {"id", "kind", "points"}) == "points");
  CHECK(nearest_name("output_match", {"compiles", "output_matches"}) == "output_matches");
  CHECK_FALSE(nearest_name("banana", {"id", "kind", "points"}).has_value());
}

TEST_CASE("every malformed rubric fixture gives its expected error and exit status", "[rubric][cli]") {
  const std::filesystem::path dir = kFixtures / "malformed";
  static const std::regex expectation(R"(^# expect: exit (\d+): (.*)$)");
  std::size_t fixtures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    std::ifstream file(entry.path());
    std::string first_line;
    std::getline(file, first_line);
    std::smatch expected;
    INFO(name);
    REQUIRE(std::regex_match(first_line, expected, expectation));
    const RunResult r = run_gclab({"--lang", "en", "validate", name}, dir);
    CHECK(r.end == RunResult::End::exited);
    CHECK(r.exit_code == std::stoi(expected[1]));
    CHECK(r.err == expected[2].str() + "\n");
    CHECK(r.out.empty());
    ++fixtures;
  }
  CHECK(fixtures >= 20);
}

TEST_CASE("gclab validate accepts the tree's rubrics with exit status 0", "[rubric][cli]") {
  const RunResult r = run_gclab({"--lang", "en", "validate", "exercises/02.1-getrefcount/rubric.yaml", "grader/hidden/02.1-getrefcount.yaml"},
                                kSourceDir);
  CHECK(r.exit_code == 0);
  CHECK(r.out == "exercises/02.1-getrefcount/rubric.yaml: ok (checks: 2, hints: 3)\n"
                 "grader/hidden/02.1-getrefcount.yaml: ok (checks: 1, hints: 0)\n");
}
