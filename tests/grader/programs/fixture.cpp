// A stand-in for a student's program, one misbehaviour per cell (`--cell N`), so the grader's
// outcomes can be tested without the engine:
//   1 prints the right output          5 hangs, with a child that hangs too (prints both pids)
//   2 prints a wrong second line       6 allocates (and touches) memory without bound
//   3 dereferences null (SIGSEGV)      7 prints the right output, then exits with status 3
//   4 calls abort() (SIGABRT)          8 prints an address and trailing blanks
//   9 prints 8 MiB                    10 names its own source file, staged elsewhere
//  11 names its source file, another line    (no --cell: the right output)
// Built as fixture_reference (FIXTURE_REFERENCE), every cell prints what a correct cell prints.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace {

void right() { std::printf("hello\nworld\n"); }

#ifndef FIXTURE_REFERENCE

[[noreturn]] void hang() {
  const pid_t child = fork();
  if (child == 0) {
    for (;;) pause();
  }
  std::printf("%d %d\n", static_cast<int>(getpid()), static_cast<int>(child));  // for the test to look for them
  std::fflush(stdout);
  for (;;) pause();
}

[[noreturn]] void hog() {
  std::vector<std::unique_ptr<char[]>> blocks;
  for (;;) {
    blocks.emplace_back(new char[1 << 20]);
    std::memset(blocks.back().get(), 1, 1 << 20);  // touched, so it is resident too
  }
}
#endif

}  // namespace

int main(int argc, char** argv) {
  const int cell = argc >= 3 && std::strcmp(argv[1], "--cell") == 0 ? std::atoi(argv[2]) : 0;
#ifdef FIXTURE_REFERENCE
  if (cell == 8) std::printf("object at 0x55aa10\n");
  else if (cell == 10 || cell == 11) std::printf("  File \"solutions/fixture/solution.cpp\", line 12\n");
  else right();
  return 0;
#else
  switch (cell) {
    case 2: std::printf("hello\nthere\n"); return 0;
    case 3: {
      volatile int* volatile nowhere = nullptr;
      return *nowhere;
    }
    case 4: std::abort();
    case 5: hang();
    case 6: hog();
    case 7: right(); return 3;
    case 8: std::printf("object at 0x7ffd9c2e  \n\n"); return 0;
    case 9:
      for (int i = 0; i < 8 * 1024; ++i) std::printf("%01023d\n", i);
      return 0;
    case 10: std::printf("  File \"/tmp/staged/alice/exercises/fixture/exercise.cpp\", line 12\n"); return 0;
    case 11: std::printf("  File \"exercises/fixture/exercise.cpp\", line 13\n"); return 0;
    default: right(); return 0;
  }
#endif
}
