// The live traces of the engine's own blocks, keyed by block address: an open-addressing table
// with linear probing and backward-shift deletion, because a trace is added and removed on every
// allocation and free while tracing (CPython uses a hashtable for the same reason) and
// tombstones would pile up.
//
// Holds the blocks that are not in arena chunks (shadow_map.hpp has those): large blocks, and
// blocks given to track(). 16-byte slots (sizes over 4 GiB keep their full size in a side map),
// in huge pages (heap/huge_pages.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>

namespace gclab::detail::tracer {

class TraceTable {
 public:
  struct Trace {
    std::uintptr_t block;
    std::size_t size;
    std::uint32_t stack;
  };

  TraceTable() = default;
  ~TraceTable();
  TraceTable(const TraceTable&) = delete;
  TraceTable& operator=(const TraceTable&) = delete;

  /// Adds a trace; returns the size of the trace it replaced for the same block, if any.
  std::optional<std::size_t> insert(const Trace& trace);
  /// Removes the trace of a block and returns it.
  std::optional<Trace> remove(std::uintptr_t block) noexcept;
  std::optional<Trace> find(std::uintptr_t block) const noexcept;

  template <class F>
  void for_each(F&& f) const {
    for (std::size_t i = 0; i < capacity_; ++i)
      if (slots_[i].block != 0) f(Trace{slots_[i].block, size_of(slots_[i]), slots_[i].stack});
  }

  std::size_t size() const noexcept { return used_; }
  std::size_t bytes() const noexcept { return capacity_ * sizeof(Slot); }
  /// Forgets every trace, keeping the memory for the next session.
  void clear() noexcept;

 private:
  struct Slot {
    std::uintptr_t block;  // 0: empty
    std::uint32_t size;    // kBigSize: the size is in big_sizes_
    std::uint32_t stack;
  };
  static constexpr std::uint32_t kBigSize = UINT32_MAX;

  std::size_t mask() const noexcept { return capacity_ - 1; }
  // A full 64-bit mix (murmur3's finalizer): block addresses are aligned and often evenly
  // spaced, and a plain multiplicative hash of such keys leaves long probe runs.
  std::size_t home(std::uintptr_t block) const noexcept {
    std::uint64_t key = block;
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ull;
    key ^= key >> 33;
    return static_cast<std::size_t>(key) & mask();
  }
  std::size_t size_of(const Slot& s) const { return s.size == kBigSize ? big_sizes_.at(s.block) : s.size; }
  void grow();

  Slot* slots_ = nullptr;
  std::size_t capacity_ = 0;
  std::size_t used_ = 0;
  std::unordered_map<std::uintptr_t, std::size_t> big_sizes_;
};

}  // namespace gclab::detail::tracer
