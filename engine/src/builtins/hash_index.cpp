#include "gclab/detail/hash_index.hpp"

#include <stdexcept>

namespace gclab::detail {

void HashSlots::clear() noexcept {
  slots_ = {};
  used_ = filled_ = 0;
}

void HashSlots::reset(std::size_t min_used) {
  std::size_t size = 8;
  // A power of two of more than 3x the live keys (CPython's GROWTH_RATE), so that they can
  // double before the next rebuild.
  while (3 * min_used > size) size *= 2;
  slots_.assign(size, kEmpty);
}

void HashSlots::place(std::size_t hash, std::uint32_t entry) noexcept {
  Probe p(hash, slots_.size());
  while (slots_[p.i] != kEmpty) p.next();
  slots_[p.i] = entry;
}

void HashSlots::check_room(std::size_t entries) {
  if (entries >= kDummy) throw std::length_error("too many entries for a dict or set");
}

}  // namespace gclab::detail
