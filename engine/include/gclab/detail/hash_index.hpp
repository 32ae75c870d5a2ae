// The hash table behind dict and set, laid out as CPython's compact dict: a sparse table of
// 32-bit entry numbers, probed with CPython's perturbed sequence, in front of a dense array of
// (hash, key) in insertion order that runs parallel to the container's own entries. A lookup
// touches one small slot and one entry, where slots holding the hash and key themselves would
// make a table six times the size, and a large dict's lookups would miss the cache on most
// probes. Keys compare by identity first, then by Python's ==.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "gclab/detail/storage.hpp"
#include "gclab/object.hpp"

namespace gclab::detail {

class HashIndex {
 public:
  /// The entry number of `key`, if present.
  std::optional<std::size_t> find(const Object* key, std::size_t hash) const;
  /// Records `key` (not present) as the next entry: entry number size_with_holes().
  void append(const Object* key, std::size_t hash);
  /// Forgets `key`, leaving a hole at its entry number, which it returns (nullopt if absent).
  std::optional<std::size_t> erase(const Object* key, std::size_t hash);
  /// Drops the holes, renumbering the entries in order, as the container drops its own.
  void compact();
  void clear() noexcept;
  /// Live keys.
  std::size_t size() const noexcept { return used_; }
  /// Entries recorded, holes included: the container's entry count.
  std::size_t size_with_holes() const noexcept { return entries_.size(); }
  /// Bytes the table occupies (for sys::getsizeof).
  std::size_t bytes() const noexcept {
    return slots_.capacity() * sizeof(std::uint32_t) + entries_.capacity() * sizeof(Entry);
  }

 private:
  struct Entry {
    std::size_t hash;
    const Object* key;  // null: a hole left by erase()
  };
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;  // never used (DKIX_EMPTY)
  static constexpr std::uint32_t kDummy = 0xFFFFFFFE;  // its entry was erased (DKIX_DUMMY)

  /// The slot holding `key`'s entry number, or nullopt.
  std::optional<std::size_t> find_slot(const Object* key, std::size_t hash) const;
  /// Rebuilds the slots, sized for `min_used` live keys, from the entries' stored hashes.
  void rebuild(std::size_t min_used);
  void place(std::size_t hash, std::uint32_t entry) noexcept;

  Storage<std::uint32_t> slots_;
  Storage<Entry> entries_;
  std::size_t used_ = 0;    // live keys
  std::size_t filled_ = 0;  // slots holding a live key or a dummy
};

}  // namespace gclab::detail
