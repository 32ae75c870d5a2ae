// gclab::tracemalloc's values, without the tracer: format_size (semantics T8), how Frame,
// Traceback, Trace, Statistic and StatisticDiff print (T4, T6, T7, T10), Snapshot's statistics,
// compare_to and filter_traces on hand-made traces (T5, T7, T9; ports of test_tracemalloc.py's
// TestTraceback, TestSnapshot and TestFilters), and dump()/load() with damaged files.
//
// Every expected string and number below was printed by CPython 3.11.7 for the same input
// (tracemalloc._format_size, tracemalloc.Snapshot(raw_traces, limit), ...), except the snapshot
// file checks, which follow gclab's own documented format (snapshot_file.cpp).
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "fixtures/tracemalloc/tracemalloc_support.hpp"
#include "gclab/errors.hpp"
#include "gclab/tracemalloc.hpp"

using namespace gclab;
using tracemalloc::DomainFilter;
using tracemalloc::Filter;
using tracemalloc::Frame;
using tracemalloc::Snapshot;
using tracemalloc::Statistic;
using tracemalloc::StatisticDiff;
using tracemalloc::Trace;
using tracemalloc::Traceback;
using test::tm::create_snapshots;
using test::tm::five_traces;
using test::tm::raw_trace;
using test::tm::tb_line;
using test::tm::TempDir;

using Lines = std::vector<std::string>;
using Catch::Matchers::Contains;
using Catch::Matchers::Message;

namespace {

template <class T>
Lines strs(const std::vector<T>& values) {
  Lines out;
  for (const T& v : values) out.push_back(v.str());
  return out;
}

// The indices (into `original`) of the traces `filtered` kept, in order.
std::vector<std::size_t> kept(const Snapshot& original, const Snapshot& filtered) {
  std::vector<std::size_t> out;
  std::size_t from = 0;
  for (const Trace& t : filtered.traces()) {
    while (from < original.traces().size() && !(original.traces()[from] == t &&
                                                original.traces()[from].traceback.total_nframe() ==
                                                    t.traceback.total_nframe()))
      ++from;
    out.push_back(from++);
  }
  return out;
}

// FNV-1a over every byte before the last 8, stored little-endian in the last 8: the checksum of
// gclab's snapshot file (snapshot_file.cpp), so a test can damage a field and still pass the
// checksum, to reach the checks behind it.
void reseal(std::string& bytes) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  const std::size_t body = bytes.size() - 8;
  for (std::size_t i = 0; i < body; ++i) {
    h ^= static_cast<unsigned char>(bytes[i]);
    h *= 0x100000001b3ull;
  }
  for (std::size_t i = 0; i < 8; ++i) bytes[body + i] = static_cast<char>((h >> (8 * i)) & 0xff);
}

void put_u32(std::string& bytes, std::size_t offset, std::uint32_t value) {
  for (std::size_t i = 0; i < 4; ++i) bytes[offset + i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

// CPython's Filter(inclusive, filename_pattern, lineno=None, all_frames=False, domain=None).
Filter filter(bool inclusive, std::string pattern, std::optional<int> lineno = std::nullopt,
              bool all_frames = false, std::optional<unsigned> domain = std::nullopt) {
  Filter f;
  f.inclusive = inclusive;
  f.filename_pattern = std::move(pattern);
  f.lineno = lineno;
  f.all_frames = all_frames;
  f.domain = domain;
  return f;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// format_size (T8)

TEST_CASE("format_size prints CPython's units and rounding", "[tracemalloc]") {
  struct Row {
    double size;
    const char* unsigned_text;
    const char* signed_text;
    const char* negative_text;  // _format_size(-size, True)
  };
  // python3 -c "import tracemalloc as t; print(t._format_size(v, False), t._format_size(v, True),
  //             t._format_size(-v, True))"
  const Row rows[] = {
      {0, "0 B", "+0 B", "+0 B"},
      {1, "1 B", "+1 B", "-1 B"},
      {99, "99 B", "+99 B", "-99 B"},
      {100, "100 B", "+100 B", "-100 B"},
      {1023, "1023 B", "+1023 B", "-1023 B"},
      {1536, "1536 B", "+1536 B", "-1536 B"},
      {10239, "10239 B", "+10239 B", "-10239 B"},
      {10240, "10.0 KiB", "+10.0 KiB", "-10.0 KiB"},
      {10241, "10.0 KiB", "+10.0 KiB", "-10.0 KiB"},
      {10496, "10.2 KiB", "+10.2 KiB", "-10.2 KiB"},  // 10.25: half to even
      {10752, "10.5 KiB", "+10.5 KiB", "-10.5 KiB"},
      {11008, "10.8 KiB", "+10.8 KiB", "-10.8 KiB"},  // 10.75: half to even
      {102338.56, "99.9 KiB", "+99.9 KiB", "-99.9 KiB"},
      {102359.04, "100.0 KiB", "+100.0 KiB", "-100.0 KiB"},
      {102399, "100.0 KiB", "+100.0 KiB", "-100.0 KiB"},
      {102400, "100 KiB", "+100 KiB", "-100 KiB"},
      {102911, "100 KiB", "+100 KiB", "-100 KiB"},
      {1048576, "1024 KiB", "+1024 KiB", "-1024 KiB"},
      {2048000, "2000 KiB", "+2000 KiB", "-2000 KiB"},
      {10485759, "10240 KiB", "+10240 KiB", "-10240 KiB"},
      {10485760, "10.0 MiB", "+10.0 MiB", "-10.0 MiB"},
      {104857599, "100.0 MiB", "+100.0 MiB", "-100.0 MiB"},
      {104857600, "100 MiB", "+100 MiB", "-100 MiB"},
      {5497558138880, "5120 GiB", "+5120 GiB", "-5120 GiB"},          // 5 TiB
      {2199023255552000, "2000 TiB", "+2000 TiB", "-2000 TiB"},      // TiB is the last unit
      {12345678901234567.0, "11228 TiB", "+11228 TiB", "-11228 TiB"},
      {1e18, "909495 TiB", "+909495 TiB", "-909495 TiB"},
  };
  for (const Row& row : rows) {
    INFO("size " << row.size);
    CHECK(tracemalloc::format_size(row.size, false) == row.unsigned_text);
    CHECK(tracemalloc::format_size(row.size, true) == row.signed_text);
    // Python's -0 is the int 0 (a float -0.0 would print "-0 B").
    CHECK(tracemalloc::format_size(row.size == 0 ? 0.0 : -row.size, true) == row.negative_text);
  }
}

TEST_CASE("format_size rounds fractional byte averages half to even", "[tracemalloc]") {
  // Statistic's average is size / count, a float: 5 B over 2 blocks is 2.5 B.
  CHECK(tracemalloc::format_size(2.5, false) == "2 B");
  CHECK(tracemalloc::format_size(3.5, false) == "4 B");
  CHECK(tracemalloc::format_size(0.5, false) == "0 B");
  CHECK(tracemalloc::format_size(0.04, false) == "0 B");
  CHECK(tracemalloc::format_size(1000.0 / 3.0, false) == "333 B");
  CHECK(tracemalloc::format_size(5002.0 / 2.0, false) == "2501 B");
  CHECK(tracemalloc::format_size(2.5, true) == "+2 B");
  CHECK(tracemalloc::format_size(-2.5, true) == "-2 B");
  CHECK(tracemalloc::format_size(-0.5, true) == "-0 B");   // CPython: _format_size(-0.5, True)
  CHECK(tracemalloc::format_size(-2.5, false) == "-2 B");
  CHECK(tracemalloc::format_size(10291.2, false) == "10.1 KiB");
}

// ---------------------------------------------------------------------------------------------
// Frame, Traceback, Trace (T4, T10)

TEST_CASE("Frame prints as file:line and its repr quotes the file name as Python does", "[tracemalloc]") {
  CHECK(Frame{"a.py", 9}.str() == "a.py:9");
  CHECK(Frame{"a.py", 9}.repr() == "<Frame filename='a.py' lineno=9>");
  CHECK(fmt::format("{}", Frame{"b.py", 7}) == "b.py:7");
  // repr() of a str: double quotes when only ' is inside, escapes otherwise.
  CHECK(Frame{"it's.py", 3}.repr() == "<Frame filename=\"it's.py\" lineno=3>");
  CHECK(Frame{"q\"x\\y.py", 3}.repr() == "<Frame filename='q\"x\\\\y.py' lineno=3>");
  CHECK(Frame{"a'b\"c.py", 3}.repr() == "<Frame filename='a\\'b\"c.py' lineno=3>");
  // Ordered by (filename, lineno).
  CHECK(Frame{"a.py", 9} < Frame{"b.py", 1});
  CHECK(Frame{"a.py", 1} < Frame{"a.py", 2});
}

// test_tracemalloc.py: TestTraceback.test_repr.
TEST_CASE("Traceback repr lists frames oldest first with total_nframe when known", "[tracemalloc]") {
  CHECK(Traceback(std::vector<Frame>{}).repr() == "<Traceback ()>");
  CHECK(Traceback({}, 0).repr() == "<Traceback () total_nframe=0>");
  const std::string frames = "(<Frame filename='f2' lineno=2>, <Frame filename='f1' lineno=1>)";
  CHECK(Traceback({{"f1", 1}, {"f2", 2}}).repr() == "<Traceback " + frames + ">");
  CHECK(Traceback({{"f1", 1}, {"f2", 2}}, 2).repr() == "<Traceback " + frames + " total_nframe=2>");
  CHECK(Traceback({{"a.py", 1}}).repr() == "<Traceback (<Frame filename='a.py' lineno=1>,)>");
  CHECK(Traceback().repr() == "<Traceback ()>");
}

// T4: raw frames are most recent first; the Traceback is oldest first and prints its oldest frame.
TEST_CASE("Traceback reverses raw frames so that index 0 is the oldest", "[tracemalloc]") {
  const Traceback tb({{"b.py", 7}, {"a.py", 3}});
  REQUIRE(tb.size() == 2);
  CHECK(tb[0] == Frame{"a.py", 3});
  CHECK(tb[1] == Frame{"b.py", 7});
  CHECK(tb[-1] == Frame{"b.py", 7});
  CHECK(tb[-2] == Frame{"a.py", 3});
  CHECK(tb.str() == "a.py:3");
  CHECK(fmt::format("{}", tb) == "a.py:3");
  CHECK(tb.contains(Frame{"b.py", 7}));
  CHECK_FALSE(tb.contains(Frame{"b.py", 8}));
  CHECK_FALSE(tb.total_nframe().has_value());
  CHECK(Traceback({{"a.py", 1}}, 4).total_nframe() == 4);
  std::vector<Frame> iterated(tb.begin(), tb.end());
  CHECK(iterated == std::vector<Frame>{{"a.py", 3}, {"b.py", 7}});
  // Python's IndexError for tuples.
  CHECK_THROWS_MATCHES(tb[2], IndexError, Message("tuple index out of range"));
  CHECK_THROWS_MATCHES(tb[-3], IndexError, Message("tuple index out of range"));
  CHECK_THROWS_MATCHES(Traceback(std::vector<Frame>{}).str(), IndexError, Message("tuple index out of range"));
  // Equality and order look at the frames only (not total_nframe), as CPython's.
  CHECK(Traceback({{"a.py", 1}}, 1) == Traceback({{"a.py", 1}}));
  CHECK(Traceback({{"a.py", 1}}) < Traceback({{"b.py", 1}}));
}

// test_tracemalloc.py: TestSnapshot.test_format_traceback, with the frames' files missing (no
// source line, as linecache gives '' for a file it cannot read), plus limit 0 and large limits.
TEST_CASE("Traceback format keeps the most recent frames for a positive limit and the oldest for a negative one", "[tracemalloc]") {
  const Traceback tb({{"b.py", 7}, {"a.py", 3}});
  const std::string a = "  File \"a.py\", line 3", b = "  File \"b.py\", line 7";
  CHECK(tb.format() == Lines{a, b});
  CHECK(tb.format(1) == Lines{b});
  CHECK(tb.format(-1) == Lines{a});
  CHECK(tb.format(std::nullopt, true) == Lines{b, a});
  CHECK(tb.format(1, true) == Lines{b});
  CHECK(tb.format(-1, true) == Lines{a});
  CHECK(tb.format(5) == Lines{a, b});
  CHECK(tb.format(-5) == Lines{});
  CHECK(tb.format(2, true) == Lines{b, a});
}

// CPython: limit=0 -> self[:0] -> no frame at all (tb.format(0) == []).
TEST_CASE("Traceback format with limit 0 gives no lines", "[tracemalloc]") {
  const Traceback tb({{"b.py", 7}, {"a.py", 3}});
  CHECK(tb.format(0) == Lines{});
  CHECK(tb.format(0, true) == Lines{});
}

TEST_CASE("Traceback format adds the stripped source line of files it can read", "[tracemalloc]") {
  TempDir dir;
  const std::string path = (dir / "source_lines.py").string();  // absolute
  test::tm::write_bytes(path, "def f():\n    x = [1] * 100   \n\treturn x\n\n");
  const std::string missing = (dir / "missing.py").string();

  // Raw frames, most recent first: line 2 called from line 3.
  const Traceback tb({{path, 2}, {path, 3}});
  CHECK(tb.format() == Lines{"  File \"" + path + "\", line 3", "    return x",
                             "  File \"" + path + "\", line 2", "    x = [1] * 100"});
  CHECK(tb.format(1) == Lines{"  File \"" + path + "\", line 2", "    x = [1] * 100"});
  // A blank line, a line past the end, line 0 and a missing file give the "File" line alone.
  CHECK(Traceback({{path, 4}}).format() == Lines{"  File \"" + path + "\", line 4"});
  CHECK(Traceback({{path, 40}}).format() == Lines{"  File \"" + path + "\", line 40"});
  CHECK(Traceback({{path, 0}}).format() == Lines{"  File \"" + path + "\", line 0"});
  CHECK(Traceback({{missing, 1}}).format() == Lines{"  File \"" + missing + "\", line 1"});
  CHECK(Traceback({{"<unknown>", 0}}).format() == Lines{"  File \"<unknown>\", line 0"});
}

// test_tracemalloc.py: TestSnapshot.test_trace_format; semantics T10.
TEST_CASE("Trace prints its traceback and size and its repr shows domain and total_nframe", "[tracemalloc]") {
  const Trace t = raw_trace(0, 100, {{"a.py", 1}}, 1);
  CHECK(t.str() == "a.py:1: 100 B");
  CHECK(fmt::format("{}", t) == "a.py:1: 100 B");
  CHECK(t.repr() ==
        "<Trace domain=0 size=100 B, traceback=<Traceback (<Frame filename='a.py' lineno=1>,) total_nframe=1>>");
  CHECK(raw_trace(2, 20480, {{"b.py", 7}, {"a.py", 3}}, std::nullopt).repr() ==
        "<Trace domain=2 size=20.0 KiB, traceback=<Traceback (<Frame filename='a.py' lineno=3>, "
        "<Frame filename='b.py' lineno=7>)>>");

  auto [snapshot, snapshot2] = create_snapshots();
  const Trace& first = snapshot.traces()[0];
  CHECK(first.str() == "b.py:4: 10 B");
  CHECK(first.traceback.str() == "b.py:4");
  CHECK(first.traceback[0].str() == "b.py:4");
  CHECK(first.traceback[-1].str() == "a.py:2");
  CHECK(first.repr() ==
        "<Trace domain=0 size=10 B, traceback=<Traceback (<Frame filename='b.py' lineno=4>, "
        "<Frame filename='a.py' lineno=2>) total_nframe=3>>");
  CHECK(snapshot.traces()[5].repr() ==
        "<Trace domain=3 size=7 B, traceback=<Traceback (<Frame filename='<unknown>' lineno=0>,) total_nframe=1>>");
  CHECK(snapshot.traces().repr() == "<Traces len=6>");
  CHECK(snapshot.traces().size() == 6);
  CHECK(snapshot.traceback_limit() == 2);
}

// CPython's Trace compares its whole raw tuple (domain, size, frames, total_nframe); Traceback and
// Statistic compare frames only:
//   Trace((0, 10, (('a.py', 2),), 3)) == Trace((0, 10, (('a.py', 2),), 4))   -> False
//   Traceback((('a.py', 2),), 3) == Traceback((('a.py', 2),), 4)            -> True
TEST_CASE("Trace equality compares domain and size and frames and total_nframe", "[tracemalloc]") {
  const Trace t = raw_trace(0, 10, {{"a.py", 2}}, 3);
  CHECK(t == raw_trace(0, 10, {{"a.py", 2}}, 3));
  CHECK_FALSE(t == raw_trace(1, 10, {{"a.py", 2}}, 3));
  CHECK_FALSE(t == raw_trace(0, 11, {{"a.py", 2}}, 3));
  CHECK_FALSE(t == raw_trace(0, 10, {{"a.py", 3}}, 3));
  CHECK(Traceback({{"a.py", 2}}, 3) == Traceback({{"a.py", 2}}, 4));
  CHECK(Statistic{Traceback({{"a.py", 2}}, 3), 1, 1} == Statistic{Traceback({{"a.py", 2}}), 1, 1});
  CHECK_FALSE(t == raw_trace(0, 10, {{"a.py", 2}}, 4));
}

// ---------------------------------------------------------------------------------------------
// Statistic and StatisticDiff (T6, T7)

TEST_CASE("Statistic prints size and count and average but no average for count 0", "[tracemalloc]") {
  const Statistic stat{tb_line("file.py", 12), 1024, 2};
  CHECK(stat.str() == "file.py:12: size=1024 B, count=2, average=512 B");
  CHECK(fmt::format("{}", stat) == "file.py:12: size=1024 B, count=2, average=512 B");
  CHECK(stat.repr() == "<Statistic traceback=<Traceback (<Frame filename='file.py' lineno=12>,)> size=1024 count=2>");
  CHECK(Statistic{tb_line("file.py", 12), 0, 0}.str() == "file.py:12: size=0 B, count=0");
  CHECK(Statistic{tb_line("file.py", 12), 5, 2}.str() == "file.py:12: size=5 B, count=2, average=2 B");
  CHECK(Statistic{Traceback({{"b.py", 7}, {"a.py", 3}}, 4), 10, 1}.repr() ==
        "<Statistic traceback=<Traceback (<Frame filename='a.py' lineno=3>, <Frame filename='b.py' "
        "lineno=7>) total_nframe=4> size=10 count=1>");
}

TEST_CASE("StatisticDiff prints signed differences", "[tracemalloc]") {
  const StatisticDiff grown{tb_line("file.py", 12), 3072, 2048, 3, 2};
  CHECK(grown.str() == "file.py:12: size=3072 B (+2048 B), count=3 (+2), average=1024 B");
  CHECK(fmt::format("{}", grown) == grown.str());
  CHECK(grown.repr() ==
        "<StatisticDiff traceback=<Traceback (<Frame filename='file.py' lineno=12>,)> size=3072 (+2048) count=3 (+2)>");
  const StatisticDiff gone{tb_line("file.py", 12), 0, -4096, 0, -4};
  CHECK(gone.str() == "file.py:12: size=0 B (-4096 B), count=0 (-4)");
  CHECK(gone.repr() ==
        "<StatisticDiff traceback=<Traceback (<Frame filename='file.py' lineno=12>,)> size=0 (-4096) count=0 (-4)>");
  const StatisticDiff same{tb_line("file.py", 12), 30, 0, 3, 0};
  CHECK(same.str() == "file.py:12: size=30 B (+0 B), count=3 (+0), average=10 B");
  CHECK(same.repr() ==
        "<StatisticDiff traceback=<Traceback (<Frame filename='file.py' lineno=12>,)> size=30 (+0) count=3 (+0)>");
  CHECK(StatisticDiff{tb_line("file.py", 12), 20480, -10240, 2, -1}.str() ==
        "file.py:12: size=20.0 KiB (-10.0 KiB), count=2 (-1), average=10.0 KiB");
}

// ---------------------------------------------------------------------------------------------
// Snapshot.statistics and compare_to (T5, T7): test_tracemalloc.py's TestSnapshot

TEST_CASE("statistics by lineno group by the most recent frame largest first", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  CHECK(snapshot.statistics("lineno") == std::vector<Statistic>{
                                            {tb_line("b.py", 1), 66, 1},
                                            {tb_line("a.py", 2), 30, 3},
                                            {tb_line("<unknown>", 0), 7, 1},
                                            {tb_line("a.py", 5), 2, 1},
                                        });
  CHECK(strs(snapshot.statistics("lineno")) == Lines{
                                                   "b.py:1: size=66 B, count=1, average=66 B",
                                                   "a.py:2: size=30 B, count=3, average=10 B",
                                                   "<unknown>:0: size=7 B, count=1, average=7 B",
                                                   "a.py:5: size=2 B, count=1, average=2 B",
                                               });
  CHECK(snapshot2.statistics("lineno") == std::vector<Statistic>{
                                             {tb_line("a.py", 5), 5002, 2},
                                             {tb_line("c.py", 578), 400, 1},
                                             {tb_line("a.py", 2), 30, 3},
                                         });
  // test_statistic_format
  CHECK(snapshot.statistics("lineno")[0].str() == "b.py:1: size=66 B, count=1, average=66 B");
  // The original traces are not touched.
  CHECK(snapshot.traces().size() == 6);
}

TEST_CASE("statistics by filename group by file with line 0", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  CHECK(snapshot.statistics("filename") == std::vector<Statistic>{
                                              {tb_line("b.py", 0), 66, 1},
                                              {tb_line("a.py", 0), 32, 4},
                                              {tb_line("<unknown>", 0), 7, 1},
                                          });
  CHECK(strs(snapshot.statistics("filename")) == Lines{
                                                     "b.py:0: size=66 B, count=1, average=66 B",
                                                     "a.py:0: size=32 B, count=4, average=8 B",
                                                     "<unknown>:0: size=7 B, count=1, average=7 B",
                                                 });
  CHECK(snapshot2.statistics("filename") == std::vector<Statistic>{
                                               {tb_line("a.py", 0), 5032, 5},
                                               {tb_line("c.py", 0), 400, 1},
                                           });
}

TEST_CASE("statistics by traceback group whole call chains and print their oldest frame", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  const Traceback tb1({{"a.py", 2}, {"b.py", 4}}), tb2({{"a.py", 5}, {"b.py", 4}});
  const Traceback tb3({{"b.py", 1}}), tb4({{"<unknown>", 0}}), tb5({{"c.py", 578}});
  CHECK(snapshot.statistics("traceback") == std::vector<Statistic>{
                                               {tb3, 66, 1},
                                               {tb1, 30, 3},
                                               {tb4, 7, 1},
                                               {tb2, 2, 1},
                                           });
  CHECK(strs(snapshot.statistics("traceback")) == Lines{
                                                      "b.py:1: size=66 B, count=1, average=66 B",
                                                      "b.py:4: size=30 B, count=3, average=10 B",
                                                      "<unknown>:0: size=7 B, count=1, average=7 B",
                                                      "b.py:4: size=2 B, count=1, average=2 B",
                                                  });
  CHECK(snapshot.statistics("traceback")[1].repr() ==
        "<Statistic traceback=<Traceback (<Frame filename='b.py' lineno=4>, <Frame filename='a.py' "
        "lineno=2>)> size=30 count=3>");
  CHECK(snapshot2.statistics("traceback") == std::vector<Statistic>{
                                                {tb2, 5002, 2},
                                                {tb5, 400, 1},
                                                {tb1, 30, 3},
                                            });
  CHECK(snapshot2.compare_to(snapshot, "traceback") == std::vector<StatisticDiff>{
                                                          {tb2, 5002, 5000, 2, 1},
                                                          {tb5, 400, 400, 1, 1},
                                                          {tb3, 0, -66, 0, -1},
                                                          {tb4, 0, -7, 0, -1},
                                                          {tb1, 30, 0, 3, 0},
                                                      });
}

TEST_CASE("cumulative statistics count every frame of every trace", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  CHECK(snapshot.statistics("filename", true) == std::vector<Statistic>{
                                                    {tb_line("b.py", 0), 98, 5},
                                                    {tb_line("a.py", 0), 32, 4},
                                                    {tb_line("<unknown>", 0), 7, 1},
                                                });
  CHECK(snapshot.statistics("lineno", true) == std::vector<Statistic>{
                                                  {tb_line("b.py", 1), 66, 1},
                                                  {tb_line("b.py", 4), 32, 4},
                                                  {tb_line("a.py", 2), 30, 3},
                                                  {tb_line("<unknown>", 0), 7, 1},
                                                  {tb_line("a.py", 5), 2, 1},
                                              });
  CHECK(strs(snapshot2.compare_to(snapshot, "lineno", true)) ==
        Lines{
            "b.py:4: size=5032 B (+5000 B), count=5 (+1), average=1006 B",
            "a.py:5: size=5002 B (+5000 B), count=2 (+1), average=2501 B",
            "c.py:578: size=400 B (+400 B), count=1 (+1), average=400 B",
            "b.py:1: size=0 B (-66 B), count=0 (-1)",
            "<unknown>:0: size=0 B (-7 B), count=0 (-1)",
            "a.py:2: size=30 B (+0 B), count=3 (+0), average=10 B",
        });
  CHECK(strs(snapshot2.compare_to(snapshot, "filename", true)) ==
        Lines{
            "a.py:0: size=5032 B (+5000 B), count=5 (+1), average=1006 B",
            "b.py:0: size=5032 B (+4934 B), count=5 (+0), average=1006 B",
            "c.py:0: size=400 B (+400 B), count=1 (+1), average=400 B",
            "<unknown>:0: size=0 B (-7 B), count=0 (-1)",
        });
}

TEST_CASE("a frame repeated in one trace is counted twice in cumulative mode", "[tracemalloc]") {
  // python3: Snapshot([(0, 10, (('r.py', 3), ('r.py', 3), ('m.py', 1)), 3)], 3)
  //   .statistics('lineno', True) -> r.py:3 size=20 B count=2, m.py:1 size=10 B count=1
  const Snapshot s({raw_trace(0, 10, {{"r.py", 3}, {"r.py", 3}, {"m.py", 1}}, 3)}, 3);
  CHECK(s.statistics("lineno", true) == std::vector<Statistic>{
                                            {tb_line("r.py", 3), 20, 2},
                                            {tb_line("m.py", 1), 10, 1},
                                        });
  CHECK(s.statistics("filename", true) == std::vector<Statistic>{
                                              {tb_line("r.py", 0), 20, 2},
                                              {tb_line("m.py", 0), 10, 1},
                                          });
}

TEST_CASE("statistics reject an unknown key and cumulative tracebacks with CPython's messages", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  CHECK_THROWS_MATCHES(snapshot.statistics("line"), ValueError, Message("unknown key_type: 'line'"));
  CHECK_THROWS_MATCHES(snapshot.statistics("lineno2", true), ValueError,
                       Message("unknown key_type: 'lineno2'"));
  CHECK_THROWS_MATCHES(snapshot.statistics("traceback", true), ValueError,
                       Message("cumulative mode cannot by used with key type 'traceback'"));
  CHECK_THROWS_MATCHES(snapshot2.compare_to(snapshot, "line"), ValueError,
                       Message("unknown key_type: 'line'"));
  CHECK_THROWS_MATCHES(snapshot2.compare_to(snapshot, "traceback", true), ValueError,
                       Message("cumulative mode cannot by used with key type 'traceback'"));
}

// T5's example: the five traces of semantics T9.
TEST_CASE("statistics sort by size then count then traceback largest first", "[tracemalloc]") {
  const Snapshot s = five_traces();
  CHECK(strs(s.statistics("lineno")) == Lines{
                                            "b.py:2: size=300 B, count=1, average=300 B",
                                            "a.py:1: size=200 B, count=2, average=100 B",
                                            "a.py:5: size=200 B, count=1, average=200 B",
                                            "c.py:8: size=40 B, count=1, average=40 B",
                                        });
  CHECK(strs(s.statistics("filename")) == Lines{
                                              "a.py:0: size=400 B, count=3, average=133 B",
                                              "b.py:0: size=300 B, count=1, average=300 B",
                                              "c.py:0: size=40 B, count=1, average=40 B",
                                          });
  // Equal size and count: the larger traceback (oldest frame first) comes first.
  CHECK(strs(s.statistics("traceback")) == Lines{
                                               "a.py:3: size=300 B, count=1, average=300 B",
                                               "a.py:5: size=200 B, count=1, average=200 B",
                                               "b.py:2: size=100 B, count=1, average=100 B",
                                               "a.py:1: size=100 B, count=1, average=100 B",
                                               "c.py:8: size=40 B, count=1, average=40 B",
                                           });
  CHECK(strs(s.statistics("lineno", true)) == Lines{
                                                  "b.py:2: size=400 B, count=2, average=200 B",
                                                  "a.py:3: size=300 B, count=1, average=300 B",
                                                  "a.py:1: size=200 B, count=2, average=100 B",
                                                  "a.py:5: size=200 B, count=1, average=200 B",
                                                  "c.py:8: size=40 B, count=1, average=40 B",
                                              });
  CHECK(strs(s.statistics("filename", true)) == Lines{
                                                    "a.py:0: size=700 B, count=4, average=175 B",
                                                    "b.py:0: size=400 B, count=2, average=200 B",
                                                    "c.py:0: size=40 B, count=1, average=40 B",
                                                });
}

TEST_CASE("compare_to diffs every group and lists vanished groups with size 0", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  const auto diffs = snapshot2.compare_to(snapshot, "lineno");
  CHECK(diffs == std::vector<StatisticDiff>{
                     {tb_line("a.py", 5), 5002, 5000, 2, 1},
                     {tb_line("c.py", 578), 400, 400, 1, 1},
                     {tb_line("b.py", 1), 0, -66, 0, -1},
                     {tb_line("<unknown>", 0), 0, -7, 0, -1},
                     {tb_line("a.py", 2), 30, 0, 3, 0},
                 });
  CHECK(strs(diffs) == Lines{
                           "a.py:5: size=5002 B (+5000 B), count=2 (+1), average=2501 B",
                           "c.py:578: size=400 B (+400 B), count=1 (+1), average=400 B",
                           "b.py:1: size=0 B (-66 B), count=0 (-1)",
                           "<unknown>:0: size=0 B (-7 B), count=0 (-1)",
                           "a.py:2: size=30 B (+0 B), count=3 (+0), average=10 B",
                       });
  CHECK(diffs[2].repr() ==
        "<StatisticDiff traceback=<Traceback (<Frame filename='b.py' lineno=1>,)> size=0 (-66) count=0 (-1)>");
  // test_statistic_diff_format
  CHECK(diffs[0].str() == "a.py:5: size=5002 B (+5000 B), count=2 (+1), average=2501 B");

  CHECK(snapshot2.compare_to(snapshot, "filename") == std::vector<StatisticDiff>{
                                                         {tb_line("a.py", 0), 5032, 5000, 5, 1},
                                                         {tb_line("c.py", 0), 400, 400, 1, 1},
                                                         {tb_line("b.py", 0), 0, -66, 0, -1},
                                                         {tb_line("<unknown>", 0), 0, -7, 0, -1},
                                                     });
  // A snapshot against itself: every group, all diffs +0, sorted by size.
  CHECK(strs(snapshot.compare_to(snapshot, "lineno")) ==
        Lines{
            "b.py:1: size=66 B (+0 B), count=1 (+0), average=66 B",
            "a.py:2: size=30 B (+0 B), count=3 (+0), average=10 B",
            "<unknown>:0: size=7 B (+0 B), count=1 (+0), average=7 B",
            "a.py:5: size=2 B (+0 B), count=1 (+0), average=2 B",
        });
  // Against an empty snapshot everything is new; an empty one against this, everything vanished.
  const Snapshot empty({}, 2);
  CHECK(strs(empty.compare_to(snapshot2, "filename")) == Lines{
                                                             "a.py:0: size=0 B (-5032 B), count=0 (-5)",
                                                             "c.py:0: size=0 B (-400 B), count=0 (-1)",
                                                         });
  CHECK(strs(snapshot2.compare_to(empty, "filename")) ==
        Lines{
            "a.py:0: size=5032 B (+5032 B), count=5 (+5), average=1006 B",
            "c.py:0: size=400 B (+400 B), count=1 (+1), average=400 B",
        });
  CHECK(empty.statistics("lineno").empty());
}

// ---------------------------------------------------------------------------------------------
// filter_traces (T9): test_tracemalloc.py's test_filter_traces*, TestFilters

TEST_CASE("filter_traces keeps and drops traces as CPython's filters do", "[tracemalloc]") {
  const Snapshot s = five_traces();
  using Kept = std::vector<std::size_t>;
  auto run = [&](std::vector<tracemalloc::AnyFilter> filters) { return kept(s, s.filter_traces(filters)); };
  // The counts of semantics T9, and which traces (python3: the same filters on the same traces).
  CHECK(run({filter(true, "a.py")}) == Kept{0, 1, 2});
  CHECK(run({filter(false, "a.py")}) == Kept{3, 4});
  CHECK(run({filter(true, "a.py", std::nullopt, true)}) == Kept{0, 1, 2, 3});
  CHECK(run({filter(false, "a.py", std::nullopt, true)}) == Kept{4});
  CHECK(run({filter(true, "a.py", 1)}) == Kept{0, 1});
  CHECK(run({filter(false, "a.py", 1)}) == Kept{2, 3, 4});
  CHECK(run({filter(true, "a.py", 3, true)}) == Kept{3});
  CHECK(run({DomainFilter{false, 1}}) == Kept{0, 1, 3, 4});
  CHECK(run({DomainFilter{true, 1}}) == Kept{2});
  CHECK(run({filter(true, "a.py"), filter(true, "c.py")}) == Kept{0, 1, 2, 4});
  CHECK(run({filter(true, "*.py"), filter(false, "c.py")}) == Kept{0, 1, 2, 3});
  CHECK(run({filter(false, "a.py"), filter(false, "c.py")}) == Kept{3});
  CHECK(run({filter(true, "?.py"), filter(false, "b.py", std::nullopt, true)}) == Kept{0, 2, 4});
  CHECK(run({filter(true, "[ab].py")}) == Kept{0, 1, 2, 3});
  CHECK(run({filter(true, "[!ab].py")}) == Kept{4});
  CHECK(run({filter(true, "zzz")}) == Kept{});
  // A domain ANDs with an inclusive filter and ORs (domain != d) with an exclusive one.
  CHECK(run({filter(true, "a.py", std::nullopt, false, 1u)}) == Kept{2});
  CHECK(run({filter(false, "a.py", std::nullopt, false, 1u)}) == Kept{0, 1, 3, 4});
  CHECK(run({filter(true, "a.py", std::nullopt, false, 0u)}) == Kept{0, 1});
  CHECK(run({filter(false, "a.py", std::nullopt, false, 0u)}) == Kept{2, 3, 4});
  // The filtered snapshot keeps the traceback limit; the original is untouched.
  CHECK(s.filter_traces({filter(true, "a.py")}).traceback_limit() == 2);
  CHECK(s.traces().size() == 5);
}

TEST_CASE("filter_traces with no filters copies every trace", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  const Snapshot copy = snapshot.filter_traces({});
  CHECK(copy.traces() == snapshot.traces());
  CHECK(&copy.traces() != &snapshot.traces());
  CHECK(copy.traceback_limit() == snapshot.traceback_limit());
  CHECK(copy.traces().repr() == "<Traces len=6>");
}

// test_tracemalloc.py: test_filter_traces, test_filter_traces_domain, test_filter_traces_domain_filter.
TEST_CASE("filter_traces on test_tracemalloc's snapshots", "[tracemalloc]") {
  auto [snapshot, snapshot2] = create_snapshots();
  using Kept = std::vector<std::size_t>;
  // exclude b.py
  const Snapshot s3 = snapshot.filter_traces({filter(false, "b.py")});
  CHECK(kept(snapshot, s3) == Kept{0, 1, 2, 3, 5});
  // only include two lines of a.py
  const Snapshot s4 = s3.filter_traces({filter(true, "a.py", 2), filter(true, "a.py", 5)});
  CHECK(kept(snapshot, s4) == Kept{0, 1, 2, 3});
  // exclude a.py of domain 1
  CHECK(kept(snapshot, snapshot.filter_traces({filter(false, "a.py", std::nullopt, false, 1u)})) ==
        Kept{0, 1, 2, 4, 5});
  // DomainFilter on domain 3
  CHECK(kept(snapshot, snapshot.filter_traces({DomainFilter{false, 3}})) == Kept{0, 1, 2, 3, 4});
  CHECK(kept(snapshot, snapshot.filter_traces({DomainFilter{true, 3}})) == Kept{5});
}

// test_tracemalloc.py: TestFilters.test_filter_match_trace, through one-trace snapshots.
TEST_CASE("a filter checks the most recent frame unless all_frames is set", "[tracemalloc]") {
  const std::vector<Frame> t1{{"a.py", 2}, {"b.py", 3}}, t2{{"b.py", 4}, {"b.py", 5}},
      t3{{"c.py", 5}, {"<unknown>", 0}}, unknown{{"<unknown>", 0}};
  auto matches = [](const Filter& f, const std::vector<Frame>& frames) {
    const Snapshot s({raw_trace(0, 1, frames, static_cast<int>(frames.size()))}, 2);
    return s.filter_traces({f}).traces().size() == 1;
  };
  struct Case {
    Filter filter;
    bool m1, m2, m3, munknown;
  };
  const Case cases[] = {
      {filter(true, "b.py", std::nullopt, true), true, true, false, false},
      {filter(true, "b.py", std::nullopt, false), false, true, false, false},
      {filter(false, "b.py", std::nullopt, true), false, false, true, true},
      {filter(false, "b.py", std::nullopt, false), true, false, true, true},
      {filter(false, "<unknown>", std::nullopt, false), true, true, true, false},
      {filter(true, "<unknown>", std::nullopt, true), false, false, true, true},
      {filter(false, "<unknown>", std::nullopt, true), true, true, false, false},
  };
  for (const Case& c : cases) {
    INFO("inclusive=" << c.filter.inclusive << " pattern=" << c.filter.filename_pattern
                      << " all_frames=" << c.filter.all_frames);
    CHECK(matches(c.filter, t1) == c.m1);
    CHECK(matches(c.filter, t2) == c.m2);
    CHECK(matches(c.filter, t3) == c.m3);
    CHECK(matches(c.filter, unknown) == c.munknown);
  }
}

// test_tracemalloc.py: TestFilters.test_filter_match and test_filter_match_filename_joker
// (POSIX: case-sensitive, '/' is the only separator, '*' crosses it).
TEST_CASE("filter patterns match file names as Python's fnmatch does", "[tracemalloc]") {
  auto matches = [](const std::string& filename, int lineno, Filter f) {
    const Snapshot s({raw_trace(0, 1, {{filename, lineno}}, 1)}, 1);
    return s.filter_traces({f}).traces().size() == 1;
  };
  auto fnmatch = [&](const std::string& filename, const std::string& pattern) {
    return matches(filename, 0, filter(true, pattern));
  };
  CHECK_FALSE(fnmatch("abc", ""));
  CHECK_FALSE(fnmatch("", "abc"));
  CHECK(fnmatch("", ""));
  CHECK(fnmatch("", "*"));
  CHECK(fnmatch("abc", "abc"));
  CHECK_FALSE(fnmatch("abc", "abcd"));
  CHECK_FALSE(fnmatch("abc", "def"));
  CHECK(fnmatch("abc", "a*"));
  CHECK(fnmatch("abc", "abc*"));
  CHECK_FALSE(fnmatch("abc", "b*"));
  CHECK_FALSE(fnmatch("abc", "abcd*"));
  CHECK(fnmatch("abc", "a*c"));
  CHECK(fnmatch("abcdcx", "a*cx"));
  CHECK_FALSE(fnmatch("abb", "a*c"));
  CHECK_FALSE(fnmatch("abcdce", "a*cx"));
  CHECK(fnmatch("abcde", "a*c*e"));
  CHECK(fnmatch("abcbdefeg", "a*bd*eg"));
  CHECK_FALSE(fnmatch("abcdd", "a*c*e"));
  CHECK_FALSE(fnmatch("abcbdefef", "a*bd*eg"));
  CHECK_FALSE(fnmatch("aBC", "ABc"));
  CHECK_FALSE(fnmatch("aBcDe", "Ab*dE"));
  CHECK_FALSE(fnmatch("a/b", "a\\b"));
  CHECK_FALSE(fnmatch("a\\b", "a/b"));
  CHECK(fnmatch("a\\b", "a\\b"));
  CHECK(fnmatch("dir/sub/a.cpp", "*.cpp"));
  CHECK(fnmatch("dir/sub/a.cpp", "dir/*"));
  CHECK(fnmatch("tests/unit/x.cpp", "tests/*/x.cpp"));
  CHECK(fnmatch("a.cpp", "a.?pp"));
  CHECK(fnmatch("a.cpp", "[!b].cpp"));
  CHECK(fnmatch(".hidden", "*"));
  CHECK(fnmatch("a[1].cpp", "a[[]1].cpp"));
  CHECK(fnmatch("x*y", "x[*]y"));

  // lineno: none matches every line; 5 only line 5; 0 only line 0 (frames of "filename" stats).
  for (const bool inclusive : {true, false}) {
    INFO("inclusive=" << inclusive);
    CHECK(matches("abc", 0, filter(inclusive, "abc")) == inclusive);
    CHECK(matches("abc", 5, filter(inclusive, "abc")) == inclusive);
    CHECK(matches("12356", 5, filter(inclusive, "abc")) == !inclusive);
    CHECK(matches("abc", 0, filter(inclusive, "abc", 5)) == !inclusive);
    CHECK(matches("abc", 5, filter(inclusive, "abc", 5)) == inclusive);
    CHECK(matches("abc", 10, filter(inclusive, "abc", 5)) == !inclusive);
    CHECK(matches("12356", 5, filter(inclusive, "abc", 5)) == !inclusive);
    CHECK(matches("abc", 0, filter(inclusive, "abc", 0)) == inclusive);
    CHECK(matches("abc", 5, filter(inclusive, "abc", 0)) == !inclusive);
    CHECK(matches("12356", 0, filter(inclusive, "abc", 0)) == !inclusive);
  }
}

// ---------------------------------------------------------------------------------------------
// dump / load (T10, and gclab's documented snapshot file)

TEST_CASE("dump and load round-trip traces and traceback limit and total_nframe", "[tracemalloc]") {
  TempDir dir;
  auto [snapshot, snapshot2] = create_snapshots();
  // Add traces with an unknown total, an empty traceback, a large size and a high domain.
  std::vector<Trace> traces(snapshot.traces().begin(), snapshot.traces().end());
  traces.push_back(raw_trace(7, 123456789012ull, {{"dir/ü x.cpp", 65535}, {"a.py", 2}}, std::nullopt));
  traces.push_back({4000000000u, 1, Traceback({}, 0)});
  const Snapshot original(traces, 25);

  const auto path = dir / "snapshot.gclabtm";
  original.dump(path);
  const Snapshot loaded = Snapshot::load(path);
  CHECK(loaded.traceback_limit() == 25);
  REQUIRE(loaded.traces().size() == original.traces().size());
  CHECK(loaded.traces() == original.traces());
  for (std::size_t i = 0; i < loaded.traces().size(); ++i) {
    INFO("trace " << i);
    CHECK(loaded.traces()[i].repr() == original.traces()[i].repr());
    CHECK(loaded.traces()[i].traceback.total_nframe() == original.traces()[i].traceback.total_nframe());
    CHECK(loaded.traces()[i].domain == original.traces()[i].domain);
    CHECK(loaded.traces()[i].size == original.traces()[i].size);
  }
  CHECK(loaded.statistics("traceback") == original.statistics("traceback"));
  CHECK(loaded.compare_to(original, "lineno")[0].size_diff == 0);

  // An empty snapshot too, and dumping over an existing file replaces it.
  Snapshot({}, 1).dump(path);
  const Snapshot empty = Snapshot::load(path);
  CHECK(empty.traces().size() == 0);
  CHECK(empty.traceback_limit() == 1);
}

TEST_CASE("load of a missing file and dump into a missing directory raise OSError", "[tracemalloc]") {
  TempDir dir;
  const auto missing = dir / "nothing-here.gclabtm";
  CHECK_THROWS_AS(Snapshot::load(missing), OSError);
  CHECK_THROWS_WITH(Snapshot::load(missing), Contains(missing.string()));
  const auto unwritable = dir / "no-such-dir" / "x.gclabtm";
  CHECK_THROWS_AS(Snapshot({}, 1).dump(unwritable), OSError);
  CHECK_THROWS_WITH(Snapshot({}, 1).dump(unwritable), Contains(unwritable.string()));
  // A directory is not a snapshot file either (CPython: IsADirectoryError, an OSError).
  CHECK_THROWS_AS(Snapshot::load(dir.path()), OSError);
}

namespace {

// A snapshot whose file layout is easy to patch: one file, one traceback of one frame, one trace.
//   0 magic(8) 8 version 12 limit 16 nfiles 20 len 24 "a.py" 28 ntracebacks 32 nframes
//   36 total_nframe 40 file index 44 lineno 48 ntraces(u64) 56 domain 60 size(u64)
//   68 traceback index 72 checksum(u64) 80
std::string one_trace_file(const TempDir& dir) {
  const auto path = dir / "one.gclabtm";
  Snapshot({raw_trace(0, 100, {{"a.py", 1}}, 1)}, 1).dump(path);
  return test::tm::read_bytes(path);
}

// Loads `bytes` from a file and checks that it fails with a ValueError naming the file and
// containing `problem`.
void check_rejected(const TempDir& dir, const std::string& bytes, const std::string& problem) {
  const auto path = dir / "damaged.gclabtm";
  test::tm::write_bytes(path, bytes);
  CHECK_THROWS_AS(Snapshot::load(path), ValueError);
  CHECK_THROWS_WITH(Snapshot::load(path), Contains(path.string()) && Contains(problem));
}

}  // namespace

TEST_CASE("the one-trace snapshot file has the documented layout", "[tracemalloc]") {
  TempDir dir;
  const std::string bytes = one_trace_file(dir);
  REQUIRE(bytes.size() == 80);
  CHECK(bytes.substr(0, 8) == std::string("GCLABTM\n"));
  CHECK(bytes.substr(24, 4) == "a.py");
}

TEST_CASE("load rejects empty and foreign and wrong-version files with a ValueError naming the file", "[tracemalloc]") {
  TempDir dir;
  const std::string good = one_trace_file(dir);
  SECTION("empty file") { check_rejected(dir, "", "not a gclab tracemalloc snapshot"); }
  SECTION("wrong magic") {
    std::string bytes = good;
    bytes[0] = 'X';
    check_rejected(dir, bytes, "not a gclab tracemalloc snapshot");
  }
  SECTION("a pickle") {
    // What CPython's Snapshot.dump() writes starts with the pickle protocol opcode.
    check_rejected(dir, std::string("\x80\x05\x95\x10\x00\x00\x00", 7) + std::string(40, 'x'),
                   "not a gclab tracemalloc snapshot");
  }
  SECTION("wrong version") {
    std::string bytes = good;
    put_u32(bytes, 8, 2);
    check_rejected(dir, bytes, "version 2");
    put_u32(bytes, 8, 0);
    check_rejected(dir, bytes, "version 0");
  }
  SECTION("wrong version with a valid checksum") {
    std::string bytes = good;
    put_u32(bytes, 8, 99);
    reseal(bytes);
    check_rejected(dir, bytes, "version 99");
  }
}

TEST_CASE("load rejects a snapshot file truncated anywhere", "[tracemalloc]") {
  TempDir dir;
  const std::string good = one_trace_file(dir);
  for (std::size_t length = 0; length < good.size(); ++length) {
    INFO("truncated to " << length << " bytes");
    const std::string bytes = good.substr(0, length);
    const auto path = dir / "truncated.gclabtm";
    test::tm::write_bytes(path, bytes);
    CHECK_THROWS_AS(Snapshot::load(path), ValueError);
    if (length >= 12) {  // past the magic and the version: the damage is reported as such
      CHECK_THROWS_WITH(Snapshot::load(path), Contains(path.string()) &&
                                                  (Contains("truncated") || Contains("corrupt")));
    } else {
      CHECK_THROWS_WITH(Snapshot::load(path), Contains(path.string()));
    }
  }
  // A bigger file cut in the middle of its tables.
  auto [snapshot, snapshot2] = create_snapshots();
  const auto path = dir / "big.gclabtm";
  snapshot.dump(path);
  const std::string big = test::tm::read_bytes(path);
  for (const std::size_t length : {big.size() / 3, big.size() / 2, big.size() - 9, big.size() - 1}) {
    INFO("truncated to " << length << " of " << big.size() << " bytes");
    check_rejected(dir, big.substr(0, length), "truncated");
  }
}

TEST_CASE("load rejects a file with a flipped byte by its checksum", "[tracemalloc]") {
  TempDir dir;
  const std::string good = one_trace_file(dir);
  for (std::size_t offset = 12; offset < good.size(); ++offset) {
    INFO("byte " << offset << " flipped");
    std::string bytes = good;
    bytes[offset] = static_cast<char>(bytes[offset] ^ 0x5a);
    check_rejected(dir, bytes, "corrupt");
  }
  // Extra bytes after the checksum break it too.
  check_rejected(dir, good + std::string("\0\0\0\0", 4), "corrupt");
}

// With a recomputed checksum the damage reaches the table checks behind it.
TEST_CASE("load checks every count and index even when the checksum matches", "[tracemalloc]") {
  TempDir dir;
  const std::string good = one_trace_file(dir);
  auto damaged = [&](std::size_t offset, std::uint32_t value) {
    std::string bytes = good;
    put_u32(bytes, offset, value);
    reseal(bytes);
    return bytes;
  };
  SECTION("file count") { check_rejected(dir, damaged(16, 0xffffffffu), "corrupt"); }
  SECTION("file name length") { check_rejected(dir, damaged(20, 0x7fffffffu), "truncated"); }
  SECTION("traceback count") { check_rejected(dir, damaged(28, 0x10000000u), "corrupt"); }
  SECTION("frame count") { check_rejected(dir, damaged(32, 0xfffffff0u), "corrupt"); }
  SECTION("file index") { check_rejected(dir, damaged(40, 7), "corrupt"); }
  SECTION("trace count") { check_rejected(dir, damaged(52, 0x00010000u), "corrupt"); }
  SECTION("traceback index") { check_rejected(dir, damaged(68, 3), "corrupt"); }
  SECTION("bytes after the traces") {
    std::string bytes = good.substr(0, 72) + std::string(4, '\0') + good.substr(72);
    reseal(bytes);
    check_rejected(dir, bytes, "corrupt");
  }
  SECTION("fewer traces than the file holds") {
    std::string bytes = good;
    put_u32(bytes, 48, 0);
    reseal(bytes);
    check_rejected(dir, bytes, "corrupt");
  }
}
