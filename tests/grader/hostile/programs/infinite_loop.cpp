// Attack: never finish. Stopped by the CPU-time limit or the wall-clock timeout.
#include <gclab/cell.hpp>

GCLAB_CELL(1, "infinite loop") {
  volatile unsigned long spins = 0;  // volatile: the loop is not optimised away
  for (;;) spins = spins + 1;
}
