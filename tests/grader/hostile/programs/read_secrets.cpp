// Attack: read what the grader must keep secret -- the reference solutions, the hidden rubrics,
// another student's submission -- and print it. HOSTILE_READ holds the paths, ':'-separated;
// each one read is printed as "READ <path>: <first line>".
#include <gclab/cell.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

GCLAB_CELL(1, "read secrets") {
  std::istringstream paths(std::getenv("HOSTILE_READ") ? std::getenv("HOSTILE_READ") : "");
  for (std::string path; std::getline(paths, path, ':');) {
    std::ifstream in(path);
    std::string line;
    if (in && std::getline(in, line)) std::printf("READ %s: %s\n", path.c_str(), line.c_str());
  }
  std::printf("hello\nworld\n");
}
