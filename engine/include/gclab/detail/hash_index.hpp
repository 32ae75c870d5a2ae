// The hash table behind dict and set: open addressing over (hash, key, entry index) slots with
// CPython's perturbed probe sequence, while the entries themselves stay in insertion order in the
// container (CPython's compact dict). Keys compare by identity first, then by Python's ==.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "gclab/detail/storage.hpp"
#include "gclab/object.hpp"

namespace gclab::detail {

class HashIndex {
 public:
  /// The entry index stored for `key`, if any.
  std::optional<std::size_t> find(const Object* key, std::size_t hash) const;
  /// Records that `key` (not present) lives at entry `index`.
  void insert(const Object* key, std::size_t hash, std::size_t index);
  /// Forgets `key`; false if it was not there.
  bool erase(const Object* key, std::size_t hash);
  void clear() noexcept;
  std::size_t size() const noexcept { return used_; }
  /// Bytes the table occupies (for sys::getsizeof).
  std::size_t bytes() const noexcept { return slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    std::size_t hash;
    const Object* key;  // null: never used; tombstone(): deleted
    std::size_t index;
  };
  static const Object* tombstone() noexcept;
  /// The slot holding `key`, or the first free one on its probe sequence.
  std::size_t probe(const Object* key, std::size_t hash, bool& found) const;
  void resize(std::size_t min_used);

  Storage<Slot> slots_;
  std::size_t used_ = 0;    // live keys
  std::size_t filled_ = 0;  // live keys + tombstones
};

}  // namespace gclab::detail
