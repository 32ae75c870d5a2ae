// Interned call stacks: a trace stores a 32-bit id instead of its return addresses, as CPython's
// tracemalloc interns its tracebacks. The hash comes with the walk (stack_walk.hpp), and a small
// direct-mapped cache in front of the index answers the few stacks a loop allocates from over and
// over (a list, its storage, an int) without touching the index.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tracemalloc/tracer.hpp"

namespace gclab::detail::tracer {

class StackTable {
 public:
  std::uint32_t intern(const std::uintptr_t* pcs, std::size_t length, bool complete,
                       std::uint64_t hash) {
    CacheLine& line = cache_[(hash >> 32) % kCacheSize];
    bool hit = line.id_plus_one != 0 && line.hash == hash && line.length == length &&
               line.complete == complete;
    if (hit && length != 0)
      hit = line.first == pcs[0] && same_pcs(pcs + 1, pcs_.data() + line.offset + 1, length - 1);
    if (hit) return line.id_plus_one - 1;
    const std::uint32_t id = intern_uncached(pcs, length, complete, hash);
    const Entry& e = entries_[id];
    line = {hash, length != 0 ? pcs[0] : 0, id + 1, e.offset, e.length, complete};
    return id;
  }
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
  // Stacks are a few words long: an inline loop beats a call to memcmp.
  static bool same_pcs(const std::uintptr_t* a, const std::uintptr_t* b,
                       std::size_t length) noexcept {
    for (std::size_t i = 0; i < length; ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  bool same(const Entry& e, std::uint64_t hash, const std::uintptr_t* pcs, std::size_t length,
            bool complete) const noexcept;
  std::uint32_t intern_uncached(const std::uintptr_t* pcs, std::size_t length, bool complete,
                                std::uint64_t hash);
  void rehash();

  std::vector<std::uintptr_t> pcs_;
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> index_;  // id + 1; 0 is an empty slot
  // A stack's key inline, with its first address: a hit on a one-frame stack reads nothing else.
  struct CacheLine {
    std::uint64_t hash;
    std::uintptr_t first;
    std::uint32_t id_plus_one;  // 0: empty
    std::uint32_t offset;
    std::uint32_t length;
    bool complete;
  };
  static constexpr std::size_t kCacheSize = 256;
  CacheLine cache_[kCacheSize] = {};
};

}  // namespace gclab::detail::tracer
