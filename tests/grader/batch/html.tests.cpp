// `gclab grade --html`: the class overview counts, check by check, how many submissions scored
// what; each submission has its page (the one `gclab check --html` shows a student) and the
// overview links to it; pictures survive a rerun from the gradebook.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <map>
#include <regex>

#include "html/class_report.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

constexpr const char* kP2 = "P2-weakref-parent-child";

/// The buckets of one check's histogram in the overview, score label -> count, read back from
/// the row `dist-<exercise>-<check>`.
std::map<std::string, int> histogram_of(const std::string& page, const std::string& row_id) {
  const auto row = page.find("id=\"" + row_id + "\"");
  REQUIRE(row != std::string::npos);
  const std::string text = page.substr(row, page.find("</tr>", row) - row);
  static const std::regex bucket("data-score=\"([^\"]+)\" data-count=\"([0-9]+)\"");
  std::map<std::string, int> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), bucket); it != std::sregex_iterator(); ++it)
    out[(*it)[1]] = std::stoi((*it)[2]);
  return out;
}

/// The text of the first element of `tag` with class `cls` after `from` in `page`.
std::string cell_after(const std::string& page, const std::string& from, const std::string& cls) {
  const auto at = page.find(from);
  REQUIRE(at != std::string::npos);
  const auto cell = page.find("class=\"" + cls + "\">", at);
  REQUIRE(cell != std::string::npos);
  const auto start = page.find('>', cell) + 1;
  return page.substr(start, page.find('<', start) - start);
}

}  // namespace

TEST_CASE("score buckets: one point each up to 10 points, tenths above, full marks alone", "[batch][html]") {
  // 6 points: 3.3 is in "3"; 5.99 is not full marks.
  const auto six = html::score_buckets(6, {0, 3.3, 6, 6, 5.99});
  REQUIRE(six.size() == 7);
  std::vector<int> counts;
  for (const auto& b : six) counts.push_back(b.count);
  CHECK(counts == std::vector<int>{1, 0, 0, 1, 0, 1, 2});
  CHECK(six[3].label == "3");
  CHECK(six[6].label == "6");

  const auto twenty = html::score_buckets(20, {0, 1.9, 2, 19.9, 20});
  REQUIRE(twenty.size() == 11);
  CHECK(twenty[0].label == "0–2");
  CHECK(twenty[0].count == 2);
  CHECK(twenty[1].count == 1);
  CHECK(twenty[9].label == "18–20");
  CHECK(twenty[9].count == 1);
  CHECK(twenty[10].label == "20");
  CHECK(twenty[10].count == 1);

  const auto none = html::score_buckets(0, {0, 0});
  REQUIRE(none.size() == 1);
  CHECK(none[0].count == 2);
}

TEST_CASE("submission pages: one file each, named safely, distinct", "[batch][html]") {
  report::BatchReport r;
  for (const char* id : {"alice", "a b", "a_b", "..", "../etc/passwd"}) r.submissions.push_back({id, {}, {}, {}, {}});
  CHECK(html::submission_pages(r) == std::vector<std::string>{"submissions/alice.html", "submissions/a_b.html", "submissions/a_b-2.html",
                                                              "submissions/_...html", "submissions/.._etc_passwd.html"});
}

// A class of three on 02.1: alice and carol hand in the solution, bob the untouched stub. 02.1 has
// builds (1 point), output (4) and the hidden matches_cpython (1): the stub builds and nothing else.
TEST_CASE("gclab grade --html: the class overview counts each check's scores and links each submission's page", "[batch][html][cli]") {
  TempDir t;
  const fs::path subs = t.path() / "class";
  submit_021(subs, "alice", solution_of(k021));
  submit_021(subs, "bob", attempt_of(k021));
  submit_021(subs, "carol", solution_of(k021));
  const fs::path out = t.path() / "html";
  const RunResult r = run({kGclab.string(), "--no-color", "--lang", "en", "--root", kSourceDir.string(), "--build-dir", kBuildDir.string(),
                           "grade", subs.string(), "--exercise", "02.1", "--gradebook", (t.path() / "book.sqlite").string(), "--cache",
                           kSharedCache.string(), "--html", out.string()},
                          t.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);  // bob fails
  CHECK_THAT(r.err, Catch::Contains("HTML report: file://" + (out / "index.html").string()));
  const std::string index = read_text(out / "index.html");

  CHECK_THAT(index, Catch::Contains("<p class=\"total\" id=\"count\">3 submissions</p>"));
  CHECK(histogram_of(index, "dist-02.1-getrefcount-builds") == std::map<std::string, int>{{"0", 0}, {"1", 3}});
  CHECK(histogram_of(index, "dist-02.1-getrefcount-output") ==
        std::map<std::string, int>{{"0", 1}, {"1", 0}, {"2", 0}, {"3", 0}, {"4", 2}});
  CHECK(histogram_of(index, "dist-02.1-getrefcount-matches_cpython") == std::map<std::string, int>{{"0", 1}, {"1", 2}});
  CHECK(cell_after(index, "id=\"dist-02.1-getrefcount-output\"", "passed") == "2");
  CHECK(cell_after(index, "id=\"dist-02.1-getrefcount-output\"", "graded") == "3");
  CHECK(cell_after(index, "id=\"dist-02.1-getrefcount-output\"", "mean") == "2.67");  // (4 + 0 + 4) / 3

  // The submissions, in order, with their totals and a link to a page that exists.
  CHECK(index.find("id=\"sub-alice\"") < index.find("id=\"sub-bob\""));
  CHECK(index.find("id=\"sub-bob\"") < index.find("id=\"sub-carol\""));
  CHECK(cell_after(index, "id=\"sub-alice\"", "total") == "6/6");
  CHECK(cell_after(index, "id=\"sub-bob\"", "total") == "1/6");
  for (const char* id : {"alice", "bob", "carol"}) {
    const std::string href = fmt::format("submissions/{}.html", id);
    CHECK_THAT(index, Catch::Contains(fmt::format("<a href=\"{}\">{}</a>", href, id)));
    CHECK(fs::exists(out / href));
  }
  CHECK(index.find("<script") == std::string::npos);

  // Bob's page: the student page, his output check explained, the way back to the overview.
  const std::string bob = read_text(out / "submissions" / "bob.html");
  CHECK_THAT(bob, Catch::Contains("<h1>bob</h1>"));
  CHECK_THAT(bob, Catch::Contains("<a href=\"../index.html\" id=\"up\">"));
  CHECK_THAT(bob, Catch::Contains("<p class=\"total\" id=\"total\">Total 1/6</p>"));
  CHECK_THAT(bob, Catch::Contains("<tr class=\"check failed\" id=\"check-02.1-getrefcount-output\">"));
  CHECK_THAT(bob, Catch::Contains("cell 1, line 1 differs"));
  CHECK_THAT(read_text(out / "submissions" / "alice.html"), Catch::Contains("Total 6/6"));
}

// A first try at P2 that keeps the stub's cycle leaks its family, and its check draws it: graded
// again from the gradebook, the result still has that picture for the class's pages.
TEST_CASE("the gradebook keeps a check's pictures: a rerun shows them without grading again", "[batch][html]") {
  TempDir t;
  const fs::path subs = t.path() / "class";
  write_text(subs / "bob" / "exercises" / kP2 / "family.hpp",
             read_text(kSourceDir / "exercises" / kP2 / "family.hpp") + "\nstatic_assert(true, \"a first try\");\n");
  batch::BatchOptions o = options_021(subs, t.path() / "book.sqlite");
  o.exercises = {kP2};
  auto cycle_removed = [](const report::BatchReport& r) {
    for (const CheckResult& c : by_id(r, "bob").exercises.at(0).grade.results)
      if (c.id == "cycle_removed") return c;
    FAIL("no check cycle_removed");
    return CheckResult{};
  };
  batch::BatchStats first;
  const CheckResult graded = cycle_removed(batch::grade_batch(o, first));
  REQUIRE(graded.outcome == Outcome::failed);
  REQUIRE(graded.pictures.size() == 1);
  CHECK_THAT(graded.pictures[0].dot, Catch::Contains("Parent"));

  batch::BatchStats second;
  const CheckResult reused = cycle_removed(batch::grade_batch(o, second));
  CHECK(second.checks_run == 0);
  REQUIRE(reused.pictures.size() == 1);
  CHECK(reused.pictures[0].title == graded.pictures[0].title);
  CHECK(reused.pictures[0].dot == graded.pictures[0].dot);
}
