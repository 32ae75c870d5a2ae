// Splitting a class across CI machines: `--shard i/n` grades the submissions whose id falls in
// part i of n. Decided by a hash of the id alone, so every machine agrees without talking, and a
// student stays on the same shard however the class list is ordered or grows.
#pragma once

#include <string>

namespace gclab::grader::batch {

struct Shard {
  int index = 1;  ///< 1..count
  int count = 1;
};

/// "2/4" -> {2, 4}; std::invalid_argument unless 1 <= i <= n.
Shard parse_shard(const std::string& text);

bool in_shard(const std::string& submission_id, const Shard& shard);

}  // namespace gclab::grader::batch
