// Interned call stacks: a trace stores a 32-bit id instead of its return addresses, as CPython's
// tracemalloc interns its tracebacks. The hash comes with the walk (stack_walk.hpp), and a small
// direct-mapped cache in front of the index answers the few stacks a loop allocates from over and
// over (a list, its storage, an int) with one comparison.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tracemalloc/tracer.hpp"

namespace gclab::detail::tracer {

class StackTable {
 public:
  std::uint32_t intern(const std::uintptr_t* pcs, std::size_t length, bool complete,
                       std::uint64_t hash);
  RawStack get(std::uint32_t id) const noexcept {
    const Entry& e = entries_[id];
    return {pcs_.data() + e.offset, e.length, e.complete};
  }
  std::size_t bytes() const noexcept {
    return pcs_.capacity() * sizeof(std::uintptr_t) + entries_.capacity() * sizeof(Entry) +
           index_.capacity() * sizeof(std::uint32_t);
  }
  void clear() noexcept;

 private:
  struct Entry {
    std::uint64_t hash;
    std::uint32_t offset;
    std::uint32_t length;
    bool complete;
  };
  bool same(const Entry& e, std::uint64_t hash, const std::uintptr_t* pcs, std::size_t length,
            bool complete) const noexcept;
  void rehash();


  std::vector<std::uintptr_t> pcs_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> index_;  // id + 1; 0 is an empty slot
  static constexpr std::size_t kCacheSize = 256;
  std::uint32_t cache_[kCacheSize] = {};  // ids + 1 by hash; 0 is empty
};

}  // namespace gclab::detail::tracer
