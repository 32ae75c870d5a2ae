// Output normalisation and compiler-error trimming: what a student is shown.
#include <catch2/catch.hpp>

#include "build/compiler_errors.hpp"
#include "progress/progress.hpp"
#include "support.hpp"
#include "text/display_width.hpp"
#include "text/normalise.hpp"
#include "text/source_essence.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

TEST_CASE("normalisation: addresses, elapsed times, trailing blanks and trailing empty lines", "[text]") {
  CHECK(normalised_lines("<Node at 0x7f3a2c001230>  \n\n\n") == std::vector<std::string>{"<Node at 0x..>"});
  CHECK(normalised_lines("gc: done, 2 unreachable, 0 uncollectable, 0.0003s elapsed\n") ==
        std::vector<std::string>{"gc: done, 2 unreachable, 0 uncollectable, X.XXXXs elapsed"});
  CHECK(normalised_lines("a\n\nb") == std::vector<std::string>{"a", "", "b"});
  // A rubric's replace: what may differ but must be there becomes one placeholder.
  const std::vector<Replacement> report{{std::regex(R"(^\S+:\d+: size=.*$)"), "<report line>"}};
  CHECK(normalised_lines("a.cpp:3: size=10 KiB\nx\n", {}, report) == std::vector<std::string>{"<report line>", "x"});
  CHECK(normalised_lines("x\n", {}, report) == std::vector<std::string>{"x"});
  const std::vector<Replacement> groups{{std::regex("(\\w+)=(\\d+)"), "$2=$1"}};
  CHECK(normalised_lines("a=1 b=2", {}, groups) == std::vector<std::string>{"1=a 2=b"});
  CHECK(normalised_lines("keep\ndrop 1\nkeep", {std::regex("^drop")}) == std::vector<std::string>{"keep", "keep"});
}

TEST_CASE("the first difference: a changed line, a missing line, an extra line", "[text]") {
  const auto changed = first_difference({"a", "b"}, {"a", "c"});
  REQUIRE(changed);
  CHECK(changed->line == 2);
  CHECK(changed->expected == "b");
  CHECK(changed->got == "c");
  const auto missing = first_difference({"a", "b"}, {"a"});
  REQUIRE(missing);
  CHECK(missing->line == 2);
  CHECK_FALSE(missing->got.has_value());
  const auto extra = first_difference({"a"}, {"a", "b"});
  REQUIRE(extra);
  CHECK_FALSE(extra->expected.has_value());
  CHECK_FALSE(first_difference({"a"}, {"a"}).has_value());
}

TEST_CASE("the compiler's first error: its lines only, paths relative to the course", "[text]") {
  const std::string log =
      "[1/2] Building CXX object exercises/CMakeFiles/x.dir/03/exercise.cpp.o\n"
      "FAILED: exercises/CMakeFiles/x.dir/03/exercise.cpp.o\n"
      "/usr/bin/c++ -I/work/main/engine/include -c /work/main/exercises/03/exercise.cpp\n"
      "/work/main/exercises/03/exercise.cpp: In function 'void cell()':\n"
      "/work/main/exercises/03/exercise.cpp:30:9: error: 'node_c' was not declared in this scope\n"
      "   30 |   node_c->ref = node_a;\n"
      "      |   ^~~~~~\n"
      "/work/main/exercises/03/exercise.cpp:31:3: error: expected ';' before '}' token\n"
      "ninja: build stopped: subcommand failed.\n";
  CHECK(first_compiler_error(log, "/work/main") ==
        "exercises/03/exercise.cpp:30:9: error: 'node_c' was not declared in this scope\n"
        "   30 |   node_c->ref = node_a;\n"
        "      |   ^~~~~~\n");
  // A linker error is an error too.
  CHECK(first_compiler_error("x.o: in function `main':\nx.cpp:(.text+0x5): undefined reference to `f()'\ncollect2: error\n", "") ==
        "x.cpp:(.text+0x5): undefined reference to `f()'\n");
}

TEST_CASE("progress survives a save and a load, and hints count up", "[text]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "gclab-progress-test";
  std::filesystem::create_directories(dir);
  std::filesystem::remove(Progress::file_in(dir));
  {
    Progress p = Progress::load(dir);
    CHECK(p.get("02.1-getrefcount").status == Status::not_started);
    p.record_check("02.1-getrefcount", 1, 5, false);
    p.record_check("03-circular-references", 5, 5, true);
    CHECK(p.next_hint("02.1-getrefcount") == 1);
    CHECK(p.next_hint("02.1-getrefcount") == 2);
    p.save();
  }
  const Progress p = Progress::load(dir);
  CHECK(p.get("02.1-getrefcount").status == Status::failing);
  CHECK(p.get("02.1-getrefcount").earned == 1);
  CHECK(p.get("02.1-getrefcount").possible == 5);
  CHECK(p.get("02.1-getrefcount").hints_shown == 2);
  CHECK(p.get("03-circular-references").status == Status::done);
  std::filesystem::remove_all(dir);
}

TEST_CASE("display_width counts Hangul as two columns, ASCII and other letters as one", "[text]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("gc.collect()") == 12);
  CHECK(display_width("순환 참조") == 9);          // four syllables and a space
  CHECK(display_width("3. 순환 참조") == 12);
  CHECK(display_width("✓ é") == 3);               // narrow symbols and accented letters
  CHECK(display_width("\xff\xfe") == 2);         // invalid bytes: one column each
  CHECK(pad_to("참조", 6) == "참조  ");
  CHECK(pad_to("abc", 2) == "abc");
}

TEST_CASE("normalisation cuts a megabyte-long line instead of recursing through it", "[text]") {
  // std::regex would need a stack frame per character of a 1 MiB run of hex digits or of
  // non-blanks: the grader's own stack, which a student's output must not be able to overflow.
  const std::string line = "0x" + std::string(std::size_t{1} << 20, 'f');
  const std::vector<Replacement> report{{std::regex(R"(^\S+:\d+: size=.*$)"), "<report line>"}};
  const std::vector<std::string> lines = normalised_lines(line + "\n", {std::regex("^x+$")}, report);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0] == "0x.. [" + std::to_string(line.size() - 2048) + " more bytes]");
}

TEST_CASE("source_essence: comments and whitespace aside, literals and code as written", "[text]") {
  const std::string stub = "int main() {\n  // TODO: print it\n  print(\"a // b\");  /* later */\n  return 0;\n}\n";
  CHECK(same_as_stub("exercise.cpp", "// mine\n\nint  main()\n{\n  // DONE: print it\n  print(\"a // b\");\n\n  return 0;\n}", stub));
  CHECK_FALSE(same_as_stub("exercise.cpp", "int main() {\n  print(\"a // c\");\n  return 0;\n}\n", stub));  // a string's words
  CHECK_FALSE(same_as_stub("exercise.cpp", "int main() {\n  print(\"a  // b\");\n  return 0;\n}\n", stub));  // a string's spaces
  CHECK_FALSE(same_as_stub("exercise.cpp", "int main() {\n  print(\"a // b\");\n  del(b);\n  return 0;\n}\n", stub));
  // A raw string holds what looks like a comment; 1'000's quote is a digit separator, not a char.
  CHECK(source_essence("x.cpp", "auto s = R\"(// not a comment)\"; // one\nint n = 1'000; // two") ==
        "autos=R\"(// not a comment)\";intn=1'000;");
  CHECK(source_essence("x.cpp", "char c = '\"'; // q\nchar d = '/';") == "charc='\"';chard='/';");
  // YAML: comments go, quoted text stays, a # inside a value's word stays.
  CHECK(same_as_stub("answers.yaml", "# mine\ninitial:   # to do\nafter_ref1:\n", "initial:\nafter_ref1:\n"));
  CHECK_FALSE(same_as_stub("answers.yaml", "initial: 2\nafter_ref1:\n", "initial:\nafter_ref1:\n"));
  CHECK(source_essence("c.yaml", "why: \"a # b\"  # note\nkey: C#\n") == "why:\"a # b\"key:C#");
}
