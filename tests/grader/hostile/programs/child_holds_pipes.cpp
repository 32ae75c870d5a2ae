// Attack: leave a child behind (same process group) that holds stdout and the report channel
// open, so a grader waiting for end-of-file would wait for its whole timeout.
#include <gclab/cell.hpp>
#include <gclab/report.hpp>

#include <unistd.h>

#include <cstdio>

GCLAB_CELL(1, "a child that keeps the pipes open") {
  std::fflush(stdout);
  if (fork() == 0) {
    for (;;) sleep(60);
  }
  std::printf("hello\nworld\n");
  gclab::workbook::report("answer", {{"value", 42}});
}
