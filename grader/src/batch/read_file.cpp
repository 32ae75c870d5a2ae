#include "batch/read_file.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gclab::grader::batch {

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace gclab::grader::batch
