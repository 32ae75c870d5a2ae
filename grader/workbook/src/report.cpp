#include "gclab/report.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <gclab/report_channel.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace gclab::workbook {

namespace {

/// The report descriptor, checked once on first use; -1 when nobody reads a report.
int report_fd() {
  static const int fd = [] {
    const char* value = std::getenv(kReportFdVariable);
    if (!value || !*value) return -1;
    char* end = nullptr;
    const long number = std::strtol(value, &end, 10);
    if (*end != '\0' || number < 0 || number > 1'000'000 || fcntl(static_cast<int>(number), F_GETFD) < 0)
      throw std::runtime_error(std::string(kReportFdVariable) + "=" + value + " is not an open descriptor");
    // Programs the student's code starts do not inherit the channel.
    fcntl(static_cast<int>(number), F_SETFD, FD_CLOEXEC);
    return static_cast<int>(number);
  }();
  return fd;
}

}  // namespace

bool reporting() { return report_fd() >= 0; }

void report(std::string_view kind, const nlohmann::json& fields) {
  const int fd = report_fd();
  if (fd < 0) return;
  if (!fields.is_object()) throw std::invalid_argument("gclab::workbook::report: fields must be a JSON object");
  // "kind" first, for whoever reads the report by eye; then the fields.
  nlohmann::ordered_json line = {{"kind", kind}};
  for (const auto& [key, value] : fields.items()) line[key] = value;
  const std::string text = line.dump() + "\n";
  for (std::size_t written = 0; written < text.size();) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("the report channel is closed: ") + std::strerror(errno));
    written += static_cast<std::size_t>(n);
  }
}

}  // namespace gclab::workbook
