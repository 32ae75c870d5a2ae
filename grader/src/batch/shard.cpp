#include "batch/shard.hpp"

#include <fmt/format.h>

#include <charconv>
#include <stdexcept>

#include "batch/hash.hpp"

namespace gclab::grader::batch {

Shard parse_shard(const std::string& text) {
  Shard shard;
  const auto slash = text.find('/');
  const char* end = text.data() + text.size();
  // A number must fill each side exactly: from_chars reports an empty side as an error.
  auto whole = [](const char* first, const char* last, int& value) {
    const auto [ptr, ec] = std::from_chars(first, last, value);
    return ec == std::errc() && ptr == last;
  };
  const bool parsed = slash != std::string::npos && whole(text.data(), text.data() + slash, shard.index) &&
                      whole(text.data() + slash + 1, end, shard.count);
  if (!parsed || shard.count < 1 || shard.index < 1 || shard.index > shard.count)
    throw std::invalid_argument(fmt::format("--shard {}: expected i/n with 1 <= i <= n, e.g. 2/4", text));
  return shard;
}

bool in_shard(const std::string& submission_id, const Shard& shard) {
  const std::string hash = sha256_hex(submission_id);
  const unsigned long long bucket = std::stoull(hash.substr(0, 15), nullptr, 16);
  return static_cast<int>(bucket % static_cast<unsigned long long>(shard.count)) == shard.index - 1;
}

}  // namespace gclab::grader::batch
