// Attack: outlive the run. A double fork and setsid() leave the process group the grader kills;
// the daemon holds stdout and the report channel open and sleeps. The program itself finishes
// honestly.
#include <gclab/cell.hpp>
#include <gclab/report.hpp>

#include <unistd.h>

#include <cstdio>

GCLAB_CELL(1, "daemonise") {
  std::fflush(stdout);
  if (fork() == 0) {
    setsid();
    if (fork() == 0) {
      for (;;) sleep(60);
    }
    _exit(0);
  }
  std::printf("hello\nworld\n");
  gclab::workbook::report("answer", {{"value", 42}});
}
