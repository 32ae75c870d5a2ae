// The live traces, keyed by (block address, domain): an open-addressing table with linear probing
// and backward-shift deletion, because a trace is added and removed on every allocation and free
// while tracing (CPython uses a hashtable for the same reason) and tombstones would pile up.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::detail::tracer {

class TraceTable {
 public:
  struct Entry {
    std::uintptr_t block = 0;  // 0: empty slot
    std::size_t size = 0;
    std::uint32_t stack = 0;
    unsigned domain = 0;
  };

  /// Adds a trace; returns the size of the trace it replaced for the same block, if any.
  std::optional<std::size_t> insert(const Entry& entry) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    for (std::size_t i = home(entry.block, entry.domain);; i = (i + 1) & mask()) {
      Entry& slot = slots_[i];
      if (slot.block == 0) {
        slot = entry;
        ++used_;
        return std::nullopt;
      }
      if (slot.block == entry.block && slot.domain == entry.domain) {
        const std::size_t old = slot.size;
        slot = entry;
        return old;
      }
    }
  }

  /// Removes the trace of a block and returns it.
  std::optional<Entry> remove(std::uintptr_t block, unsigned domain) noexcept {
    if (used_ == 0) return std::nullopt;
    std::size_t i = home(block, domain);
    while (slots_[i].block != block || slots_[i].domain != domain) {
      if (slots_[i].block == 0) return std::nullopt;
      i = (i + 1) & mask();
    }
    const Entry removed = slots_[i];
    // Backward shift: pull later entries of the probe run into the hole if their home slot
    // allows it, so that lookups never need tombstones.
    for (std::size_t j = (i + 1) & mask(); slots_[j].block != 0; j = (j + 1) & mask()) {
      const std::size_t k = home(slots_[j].block, slots_[j].domain);
      const bool movable = i <= j ? (k <= i || k > j) : (k <= i && k > j);
      if (movable) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i].block = 0;
    --used_;
    return removed;
  }

  const Entry* find(std::uintptr_t block, unsigned domain) const noexcept {
    if (used_ == 0) return nullptr;
    for (std::size_t i = home(block, domain);; i = (i + 1) & mask()) {
      const Entry& slot = slots_[i];
      if (slot.block == 0) return nullptr;
      if (slot.block == block && slot.domain == domain) return &slot;
    }
  }

  template <class F>
  void for_each(F&& f) const {
    for (const Entry& e : slots_)
      if (e.block != 0) f(e);
  }

  std::size_t size() const noexcept { return used_; }
  std::size_t bytes() const noexcept { return slots_.capacity() * sizeof(Entry); }
  void clear() noexcept {
    slots_ = {};
    used_ = 0;
  }

 private:
  std::size_t mask() const noexcept { return slots_.size() - 1; }
  // A full 64-bit mix (murmur3's finalizer): block addresses are aligned and often evenly
  // spaced, and a plain multiplicative hash of such keys leaves long probe runs.
  std::size_t home(std::uintptr_t block, unsigned domain) const noexcept {
    std::uint64_t key = block ^ (std::uint64_t{domain} << 48);
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ull;
    key ^= key >> 33;
    return static_cast<std::size_t>(key) & mask();
  }
  void grow() {
    std::vector<Entry> old = std::move(slots_);
    const std::size_t capacity = old.empty() ? 1024 : 2 * old.size();
    slots_.assign(capacity, Entry{});
    used_ = 0;
    for (const Entry& e : old)
      if (e.block != 0) insert(e);
  }

  std::vector<Entry> slots_;
  std::size_t used_ = 0;
};

}  // namespace gclab::detail::tracer
