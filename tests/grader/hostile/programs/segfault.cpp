// Attack (or accident): a null dereference, SIGSEGV.
#include <gclab/cell.hpp>

#include <cstdint>
#include <cstdio>

GCLAB_CELL(1, "segfault") {
  std::printf("hello\n");
  std::fflush(stdout);
  volatile std::uintptr_t address = 0;  // volatile: the compiler cannot prove (and warn) it null
  *reinterpret_cast<volatile int*>(address) = 1;
}
