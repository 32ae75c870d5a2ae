// Attack: print the right output and the right answer, then exit(0) before the rest of the
// program (here: the grader's checks after the cells) has run.
#include <gclab/cell.hpp>
#include <gclab/report.hpp>

#include <cstdio>
#include <cstdlib>

GCLAB_CELL(1, "exit(0) before the checks finish") {
  std::printf("hello\nworld\n");
  gclab::workbook::report("answer", {{"value", 42}});
  std::fflush(stdout);
  std::exit(0);
}
