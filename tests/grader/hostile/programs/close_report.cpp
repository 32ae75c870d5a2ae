// Attack: close the report channel and put stdout in its place, so that whatever the program
// reports ends up printed, where a careless grader might read it.
#include <gclab/cell.hpp>
#include <gclab/report.hpp>

#include <gclab/report_channel.hpp>

#include <unistd.h>

#include <cstdio>

GCLAB_CELL(1, "close the report channel") {
  gclab::workbook::report("answer", {{"value", 42}});
  dup2(STDOUT_FILENO, gclab::kReportFd);
  std::printf("hello\nworld\n");
}
