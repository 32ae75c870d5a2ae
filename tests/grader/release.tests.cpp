// The pieces of `gclab release`: a rubric pointed at its recorded outputs, edited in its own text
// (every way a check can say "compare with the solution"), and the Markdown markers of the two
// trees. The whole release is tested end to end by release/no_answers.py and student_course.py.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "release/markdown_markers.hpp"
#include "release/recorded_rubric.hpp"
#include "rubric/load.hpp"

using namespace gclab::grader;
using namespace gclab::grader::release;

namespace {

/// `text` as exercises/demo/rubric.yaml in a fresh folder (with the files it may name), loaded.
struct RubricFile {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "gclab-release-tests" / "exercises" / "demo";
  Rubric rubric;
  /// `own_files`: expected files the rubric names itself, relative to its folder.
  explicit RubricFile(const std::string& text, const std::vector<std::string>& own_files = {}) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir / "expected");
    for (const std::string& f : own_files) std::ofstream(dir / f) << "mine\n";
    std::ofstream(dir / "rubric.yaml") << text;
    rubric = load(dir / "rubric.yaml");
  }
  /// The released text, written over the file and loaded as the student course's gclab loads it.
  Rubric released(std::string& text) {
    text = with_recorded_outputs(text_of(dir / "rubric.yaml"), rubric);
    for (const Check* c : checks_compared_with_solution(rubric)) std::ofstream(dir / recorded_output_path(c->id)) << "x\n";
    std::ofstream(dir / "rubric.yaml") << text;
    return load(dir / "rubric.yaml");
  }
  static Rubric load(const std::filesystem::path& file) {
    LoadOptions options;
    options.expected_exercise = "demo";
    return load_rubric(file, options);
  }
  static std::string text_of(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

constexpr const char* kHead = "version: 1\nexercise: demo\ntitle: {ko: \"데모 — 한국어 제목\", en: \"Demo\"}\nchecks:\n";

}  // namespace

TEST_CASE("release: every output check that compares with the solution is pointed at its recorded file", "[release]") {
  std::string text = std::string(kHead) +
                     "  - {id: builds, kind: compiles}\n"
                     "  - id: flow\n    kind: output_matches\n    with: {cells: [1], expected: solution}\n"
                     "  - id: quoted\n    kind: output_matches\n    with: {expected: \"solution\", cells: [2]}\n"
                     "  # a comment the release keeps\n"
                     "  - id: block\n    kind: output_matches\n    with:\n      cells: [3]\n      expected: solution\n"
                     "  - id: by_default\n    kind: output_matches\n    with: {cells: [4]}\n"
                     "  - id: block_default\n    kind: output_matches\n    with:\n      cells: [5]\n"
                     "  - id: no_with\n    kind: output_matches\n    points: 2\n"
                     "  - {id: flow_check, kind: output_matches, points: 3}\n"
                     "  - id: own_file\n    kind: output_matches\n    with: {expected_file: expected/mine.txt}\n";
  RubricFile file(text, {"expected/mine.txt"});
  const Rubric released = file.released(text);
  CHECK(text.find("# a comment the release keeps") != std::string::npos);
  CHECK(text.find("데모 — 한국어 제목") != std::string::npos);
  CHECK(text.find("expected: solution") == std::string::npos);
  CHECK(text.find("\"solution\"") == std::string::npos);
  REQUIRE(released.checks.size() == 9);
  for (const Check& c : released.checks) {
    INFO(c.id);
    if (c.kind != CheckKind::output_matches) continue;
    REQUIRE(c.with["expected_file"]);
    const std::string expected = c.id == "own_file" ? "expected/mine.txt" : "expected/" + c.id + ".txt";
    CHECK(c.with["expected_file"].as<std::string>() == expected);
    CHECK_FALSE(c.with["expected"]);
  }
  // Nothing else changed: each check's cells and points are as written.
  CHECK(released.checks[1].with["cells"][0].as<int>() == 1);
  CHECK(released.checks[2].with["cells"][0].as<int>() == 2);
  CHECK(released.checks[3].with["cells"][0].as<int>() == 3);
  CHECK(released.checks[5].with["cells"][0].as<int>() == 5);
  CHECK(released.checks[6].points == 2);
  CHECK(released.checks[7].points == 3);
}

TEST_CASE("release: Markdown loses what only the full course says and gains what only the student course says", "[release]") {
  const std::string full =
      "| a | b |\n|---|---|\n| kept | row |\n| answer | [solution.cpp](x) | <!-- full-course -->\n"
      "<!-- student-course\n| expected | [output](expected/output.txt) |\n-->\n"
      "text\n<!-- full-course -->\nbuild the solution\n<!-- /full-course -->\nend\n";
  CHECK(student_markdown(full, "README.md") ==
        "| a | b |\n|---|---|\n| kept | row |\n| expected | [output](expected/output.txt) |\ntext\nend\n");
  CHECK_THROWS_WITH(student_markdown("a\n<!-- full-course -->\nb\n", "x.md"),
                    "x.md:2: this block is never closed (by `<!-- /full-course -->`)");
  CHECK_THROWS_WITH(student_markdown("<!-- full-course -->\n<!-- student-course\n-->\n<!-- /full-course -->\n", "x.md"),
                    "x.md:2: a marker inside the block opened at line 1");
}

TEST_CASE("release: the student README keeps the languages asked for", "[release]") {
  const std::string text = "# t\n<!-- lang:ko -->\n안녕\n<!-- /lang:ko -->\n<!-- lang:en -->\nhello\n<!-- /lang:en -->\nshared\n";
  CHECK(select_languages(text, ReadmeLang::ko, "R") == "# t\n안녕\nshared\n");
  CHECK(select_languages(text, ReadmeLang::en, "R") == "# t\nhello\nshared\n");
  CHECK(select_languages(text, ReadmeLang::both, "R") == "# t\n안녕\nhello\nshared\n");
}
