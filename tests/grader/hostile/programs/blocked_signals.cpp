// Attack: block and ignore every signal that can be blocked (SIGTERM, SIGALRM, SIGXCPU, ...)
// and sleep past the timeout. Only SIGKILL, which cannot be blocked, ends it.
#include <gclab/cell.hpp>

#include <signal.h>
#include <unistd.h>

GCLAB_CELL(1, "sleep past the timeout with signals blocked") {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_BLOCK, &all, nullptr);
  for (int s = 1; s < NSIG; ++s) signal(s, SIG_IGN);
  for (;;) sleep(60);
}
