// Attack: kill the grader (the parent process) so no result is recorded at all.
#include <gclab/cell.hpp>

#include <signal.h>
#include <unistd.h>

#include <cstdio>

GCLAB_CELL(1, "kill the grader") {
  kill(getppid(), SIGKILL);
  std::printf("hello\nworld\n");
}
