#include "tracemalloc/linecache.hpp"

#include <fstream>
#include <unordered_map>
#include <vector>

#include "tracemalloc/symbolizer.hpp"

namespace gclab::detail::tracer {

const std::string& getline(const std::string& filename, int lineno) {
  static const std::string kNoLine;
  static std::unordered_map<std::string, std::vector<std::string>> files;
  auto [it, inserted] = files.try_emplace(filename);
  if (inserted) {
    std::ifstream in(source_path(filename));
    for (std::string line; std::getline(in, line);) it->second.push_back(std::move(line));
  }
  const std::vector<std::string>& lines = it->second;
  if (lineno < 1 || static_cast<std::size_t>(lineno) > lines.size()) return kNoLine;
  return lines[static_cast<std::size_t>(lineno) - 1];
}

}  // namespace gclab::detail::tracer
