#include "gclab/report.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>

namespace gclab::workbook {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};

/// The report file, opened once on first use (append mode: the grader hands over a fresh file, and
/// appending keeps what an earlier run of the same file wrote when a test runs programs in turn).
std::FILE* report_file() {
  static const std::unique_ptr<std::FILE, FileCloser> file = []() -> std::unique_ptr<std::FILE, FileCloser> {
    const char* path = std::getenv("GCLAB_REPORT");
    if (!path || !*path) return nullptr;
    std::FILE* f = std::fopen(path, "a");
    if (!f) throw std::runtime_error(std::string("GCLAB_REPORT: cannot open ") + path);
    return std::unique_ptr<std::FILE, FileCloser>(f);
  }();
  return file.get();
}

}  // namespace

bool reporting() { return report_file() != nullptr; }

void report(std::string_view kind, const nlohmann::json& fields) {
  std::FILE* file = report_file();
  if (!file) return;
  if (!fields.is_object()) throw std::invalid_argument("gclab::workbook::report: fields must be a JSON object");
  // "kind" first, for whoever reads the file by eye; then the fields.
  nlohmann::ordered_json line = {{"kind", kind}};
  for (const auto& [key, value] : fields.items()) line[key] = value;
  const std::string text = line.dump() + "\n";
  std::fwrite(text.data(), 1, text.size(), file);
  std::fflush(file);
}

}  // namespace gclab::workbook
