// A fresh, empty directory under the system's temporary directory (mkdtemp, mode 0700), removed
// with everything in it when the object goes: a run's scratch, a batch's staged submissions, a
// test's course.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gclab::grader {

class TempDir {
 public:
  explicit TempDir(std::string_view prefix = "gclab-scratch") {
    std::string pattern = (std::filesystem::temp_directory_path() / prefix).string() + "-XXXXXX";
    if (!mkdtemp(pattern.data())) {
      throw std::runtime_error("cannot create a directory in " + std::filesystem::temp_directory_path().string());
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace gclab::grader
