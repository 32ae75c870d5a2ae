// Attack: a fork bomb. RLIMIT_NPROC (as an unprivileged user) caps it; the timeout kills the
// process group (under bubblewrap, the whole pid namespace).
#include <gclab/cell.hpp>

#include <unistd.h>

GCLAB_CELL(1, "fork bomb") {
  for (;;) {
    fork();
    usleep(1000);  // the bomb still grows exponentially, but leaves the machine's CPUs usable
  }
}
