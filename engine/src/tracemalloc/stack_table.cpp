#include "tracemalloc/stack_table.hpp"

#include <algorithm>
#include <iterator>

namespace gclab::detail::tracer {

bool StackTable::same(const Entry& e, std::uint64_t hash, const std::uintptr_t* pcs,
                      std::size_t length, bool complete) const noexcept {
  return e.hash == hash && e.length == length && e.complete == complete &&
         same_pcs(pcs, pcs_.data() + e.offset, length);
}

std::uint32_t StackTable::intern_uncached(const std::uintptr_t* pcs, std::size_t length,
                                          bool complete, std::uint64_t hash) {
  if (2 * (entries_.size() + 1) > index_.size()) rehash();
  const std::size_t mask = index_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint32_t slot = index_[i];
    if (slot == 0) {
      const auto id = static_cast<std::uint32_t>(entries_.size());
      entries_.push_back({hash, static_cast<std::uint32_t>(pcs_.size()),
                          static_cast<std::uint32_t>(length), complete});
      pcs_.insert(pcs_.end(), pcs, pcs + length);
      index_[i] = id + 1;
      return id;
    }
    if (same(entries_[slot - 1], hash, pcs, length, complete)) return slot - 1;
  }
}

void StackTable::rehash() {
  const std::size_t capacity = index_.empty() ? 256 : 2 * index_.size();
  index_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::uint32_t id = 0; id < entries_.size(); ++id) {
    std::size_t i = entries_[id].hash & mask;
    while (index_[i] != 0) i = (i + 1) & mask;
    index_[i] = id + 1;
  }
}

void StackTable::clear() noexcept {
  pcs_ = {};
  entries_ = {};
  index_ = {};
  std::fill(std::begin(cache_), std::end(cache_), CacheLine{});
}

}  // namespace gclab::detail::tracer
