// Content hashes (SHA-256, hex): the gradebook's and the compile cache's keys. A cryptographic hash
// because a student chooses what is hashed: a forged collision must not buy another's result.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace gclab::grader::batch {

/// Feeds pieces in order; each piece is length-prefixed, so ("ab","c") and ("a","bc") differ.
class Hasher {
 public:
  Hasher();
  ~Hasher();
  Hasher(const Hasher&) = delete;
  Hasher& operator=(const Hasher&) = delete;
  Hasher& add(std::string_view piece);
  /// The file's bytes (throws std::runtime_error if it cannot be read).
  Hasher& add_file(const std::filesystem::path& file);
  /// 64 hex digits; the hasher cannot be fed afterwards.
  std::string hex();

 private:
  void* context_;  // EVP_MD_CTX, kept out of this header
};

std::string sha256_hex(std::string_view data);

}  // namespace gclab::grader::batch
