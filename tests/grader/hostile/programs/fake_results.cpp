// Attack: print what a grader's results look like -- a full score, Gradescope/our JSON, JUnit
// XML, the report channel's lines -- on stdout, instead of doing the work. None of it is read as
// a result: stdout is feedback only, results come from the report pipe.
#include <gclab/cell.hpp>

#include <cstdio>

GCLAB_CELL(1, "fake results on stdout") {
  std::printf("score: 5/5\n  ✓ output 4/4 passed\n");
  std::printf(R"({"score": 100, "max_score": 100, "tests": [{"name": "output", "score": 4, "max_score": 4, "status": "passed"}]})" "\n");
  std::printf(R"(<?xml version="1.0"?><testsuites><testsuite name="gclab" tests="1" failures="0"><testcase name="output"/></testsuite></testsuites>)" "\n");
  std::printf(R"({"kind":"answer","value":42})" "\n" R"({"kind":"done"})" "\n");
}
