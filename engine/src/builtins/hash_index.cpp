#include "gclab/detail/hash_index.hpp"

#include <algorithm>
#include <stdexcept>

namespace gclab::detail {

std::uint32_t* HashSlots::no_slots() noexcept {
  static std::uint32_t empty_slot = kEmpty;
  return &empty_slot;
}

void HashSlots::release() noexcept {
  if (owns_table()) deallocate_storage(slots_, bytes());
}

void HashSlots::clear() noexcept {
  release();
  slots_ = no_slots();
  mask_ = used_ = filled_ = 0;
  ++renumberings_;
}

void HashSlots::reset(std::size_t min_used) {
  std::size_t size = 8;
  // A power of two of more than 3x the live keys (CPython's GROWTH_RATE), so that they can
  // double before the next rebuild.
  while (3 * min_used > size) size *= 2;
  auto* table = static_cast<std::uint32_t*>(allocate_storage(size * sizeof(std::uint32_t)));
  std::fill_n(table, size, kEmpty);
  release();
  slots_ = table;
  mask_ = size - 1;
}

void HashSlots::place(std::size_t hash, std::uint32_t entry) noexcept {
  Probe p(hash, mask_);
  while (slots_[p.i] != kEmpty) p.next();
  slots_[p.i] = entry;
}

void HashSlots::check_room(std::size_t entries) {
  if (entries >= kDummy) throw std::length_error("too many entries for a dict or set");
}

}  // namespace gclab::detail
