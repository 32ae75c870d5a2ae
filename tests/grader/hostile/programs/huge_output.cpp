// Attack: print a gigabyte, to exhaust the grader's memory or disk. The grader keeps its cap
// and drops the rest.
#include <gclab/cell.hpp>

#include <cstdio>
#include <vector>

GCLAB_CELL(1, "a gigabyte of output") {
  const std::vector<char> block(std::size_t{1} << 20, 'x');
  for (int i = 0; i < 1024; ++i) std::fwrite(block.data(), 1, block.size(), stdout);
  std::printf("\nhello\nworld\n");
}
