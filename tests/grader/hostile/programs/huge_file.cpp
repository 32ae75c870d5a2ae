// Attack: fill the disk through the scratch directory. RLIMIT_FSIZE stops the file (SIGXFSZ).
#include <gclab/cell.hpp>

#include <cstdio>
#include <vector>

GCLAB_CELL(1, "a gigabyte file") {
  const std::vector<char> block(std::size_t{1} << 20, 'x');
  std::FILE* file = std::fopen("filler.bin", "wb");
  for (int i = 0; file && i < 1024; ++i) std::fwrite(block.data(), 1, block.size(), file);
  std::printf("hello\nworld\n");
}
