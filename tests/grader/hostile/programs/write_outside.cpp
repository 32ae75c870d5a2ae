// Attack: write outside the scratch directory (the course, the grader's files, another
// submission). HOSTILE_WRITE holds the files to create, ':'-separated; each one created is
// printed as "WROTE <path>".
#include <gclab/cell.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

GCLAB_CELL(1, "write outside the scratch directory") {
  std::istringstream paths(std::getenv("HOSTILE_WRITE") ? std::getenv("HOSTILE_WRITE") : "");
  for (std::string path; std::getline(paths, path, ':');) {
    std::ofstream out(path);
    if (out << "pwned\n" && out.flush()) std::printf("WROTE %s\n", path.c_str());
  }
  std::ofstream("in-scratch.txt") << "a program may write its own scratch\n";
  std::printf("hello\nworld\n");
}
