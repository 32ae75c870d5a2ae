// Attack: allocate (and touch) memory until there is none left. Stopped by RLIMIT_AS (or, in
// sanitizer builds, by the sanitizer's own RSS limit).
#include <gclab/cell.hpp>

#include <cstring>
#include <memory>
#include <vector>

GCLAB_CELL(1, "allocate until out of memory") {
  std::vector<std::unique_ptr<char[]>> blocks;
  for (;;) {
    blocks.emplace_back(new char[1 << 20]);
    std::memset(blocks.back().get(), 1, 1 << 20);
  }
}
