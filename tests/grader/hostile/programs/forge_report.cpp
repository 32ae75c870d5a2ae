// Attack: write the report channel directly -- the right answer and an early end mark -- while
// computing nothing. The cell runner's own end mark then makes two: the report is rejected.
#include <gclab/cell.hpp>

#include <gclab/report_channel.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstring>

GCLAB_CELL(1, "forge report lines on the report descriptor") {
  const char forged[] = "{\"kind\":\"answer\",\"value\":42}\n{\"kind\":\"done\"}\n";
  (void)!write(gclab::kReportFd, forged, std::strlen(forged));
  std::printf("hello\nworld\n");
}
