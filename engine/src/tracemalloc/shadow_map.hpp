// The traces of the engine's small blocks, kept beside the memory they describe: every arena
// chunk (kChunkSize bytes, aligned to its size) gets, the first time one of its blocks is traced,
// a shadow array with one slot per 16-byte granule. Recording or dropping a trace is then an
// index computation and one store into memory next to the slots touched just before -- where a
// hash table keyed by address would miss the cache on every allocation and free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "heap/arena.hpp"

namespace gclab::detail::tracer {

class ShadowMap {
 public:
  struct Trace {
    std::size_t size;
    std::uint32_t stack;
  };

  ShadowMap();
  ~ShadowMap();
  ShadowMap(const ShadowMap&) = delete;
  ShadowMap& operator=(const ShadowMap&) = delete;

  void record(std::uintptr_t block, std::size_t size, std::uint32_t stack) {
    Slot* s = find_slot(block);
    if (!s) [[unlikely]] s = &slot_in_new_shadow(block);
    *s = {static_cast<std::uint32_t>(size), stack + 1};
  }
  /// Drops the trace of a block, returning its size (nullopt if the block was not traced).
  std::optional<std::size_t> erase(std::uintptr_t block) noexcept {
    Slot* s = find_slot(block);
    if (!s || s->stack_plus_one == 0) return std::nullopt;
    const std::size_t size = s->size;
    *s = {};
    return size;
  }
  std::optional<Trace> find(std::uintptr_t block) const noexcept;

  template <class F>
  void for_each(F&& f) const {
    for (const Chunk& c : chunks_)
      for (std::size_t i = 0; i < kSlots; ++i)
        if (c.slots[i].stack_plus_one != 0) f(Trace{c.slots[i].size, c.slots[i].stack_plus_one - 1});
  }
  /// Forgets every trace, keeping the shadow arrays for the next session.
  void clear() noexcept;
  std::size_t bytes() const noexcept;

 private:
  struct Slot {
    std::uint32_t size = 0;
    std::uint32_t stack_plus_one = 0;  // 0: no trace
  };
  static constexpr std::size_t kGranule = arena::kAlignment;
  static constexpr std::size_t kSlots = arena::kChunkSize / kGranule;
  static constexpr int kChunkBits = 18;
  static_assert(std::size_t{1} << kChunkBits == arena::kChunkSize);
  // Chunk numbers (address >> kChunkBits) of 47-bit addresses: a two-level radix table.
  static constexpr int kLeafBits = 14;
  static constexpr std::size_t kRoots = std::size_t{1} << (47 - kChunkBits - kLeafBits);
  static constexpr std::size_t kLeaves = std::size_t{1} << kLeafBits;

  struct Chunk {
    std::uintptr_t base;
    Slot* slots;
  };
  struct Leaf {
    Slot* slots[kLeaves] = {};
  };

  Slot& slot_in_new_shadow(std::uintptr_t block);  // the chunk's first traced block
  Slot* find_slot(std::uintptr_t block) const noexcept {
    const std::uintptr_t chunk = block >> kChunkBits;
    Slot* slots = chunk == last_chunk_ ? last_slots_ : find_shadow(chunk);
    if (!slots) return nullptr;
    return slots + (block & (arena::kChunkSize - 1)) / kGranule;
  }
  // Through the radix table, remembering the answer: an allocation or a free is most often in
  // the chunk of the one before it (a size class carves and recycles blocks of one chunk).
  Slot* find_shadow(std::uintptr_t chunk) const noexcept {
    const Leaf* leaf = roots_[chunk >> kLeafBits].get();
    Slot* slots = leaf ? leaf->slots[chunk & (kLeaves - 1)] : nullptr;
    if (slots) {
      last_chunk_ = chunk;
      last_slots_ = slots;
    }
    return slots;
  }

  Slot* new_shadow();

  std::unique_ptr<std::unique_ptr<Leaf>[]> roots_;
  mutable std::uintptr_t last_chunk_ = 0;  // chunk 0 holds no arena: never a real one
  mutable Slot* last_slots_ = nullptr;
  std::vector<Chunk> chunks_;
  // Shadows are carved from slabs of kSlabShadows, mapped in huge pages.
  static constexpr std::size_t kSlabShadows = 16;
  std::vector<Slot*> slabs_;
  std::size_t slab_left_ = 0;
};

}  // namespace gclab::detail::tracer
