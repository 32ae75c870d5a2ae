#include "tracemalloc/trace_table.hpp"

#include <cstring>

#include "heap/huge_pages.hpp"

namespace gclab::detail::tracer {

namespace {

constexpr std::size_t kMinCapacity = 4096;

}  // namespace

TraceTable::~TraceTable() { heap::unmap(slots_, bytes()); }

std::optional<std::size_t> TraceTable::insert(const Trace& trace) {
  if (4 * (used_ + 1) > 3 * capacity_) grow();
  const auto size32 = trace.size >= kBigSize ? kBigSize : static_cast<std::uint32_t>(trace.size);
  if (size32 == kBigSize) big_sizes_[trace.block] = trace.size;
  for (std::size_t i = home(trace.block);; i = (i + 1) & mask()) {
    Slot& slot = slots_[i];
    if (slot.block == 0) {
      slot = {trace.block, size32, trace.stack};
      ++used_;
      return std::nullopt;
    }
    if (slot.block == trace.block) {
      const std::size_t old = size_of(slot);
      slot = {trace.block, size32, trace.stack};
      return old;
    }
  }
}

std::optional<TraceTable::Trace> TraceTable::remove(std::uintptr_t block) noexcept {
  if (used_ == 0) return std::nullopt;
  std::size_t i = home(block);
  while (slots_[i].block != block) {
    if (slots_[i].block == 0) return std::nullopt;
    i = (i + 1) & mask();
  }
  Trace removed{block, slots_[i].size, slots_[i].stack};
  if (slots_[i].size == kBigSize) {
    if (const auto it = big_sizes_.find(block); it != big_sizes_.end()) {
      removed.size = it->second;
      big_sizes_.erase(it);
    }
  }
  // Backward shift: pull later slots of the probe run into the hole when their home allows it,
  // so that lookups never meet tombstones.
  for (std::size_t j = (i + 1) & mask(); slots_[j].block != 0; j = (j + 1) & mask()) {
    const std::size_t k = home(slots_[j].block);
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

std::optional<TraceTable::Trace> TraceTable::find(std::uintptr_t block) const noexcept {
  if (used_ == 0) return std::nullopt;
  for (std::size_t i = home(block);; i = (i + 1) & mask()) {
    const Slot& slot = slots_[i];
    if (slot.block == 0) return std::nullopt;
    if (slot.block == block) return Trace{block, size_of(slot), slot.stack};
  }
}

void TraceTable::clear() noexcept {
  if (used_ != 0) std::memset(static_cast<void*>(slots_), 0, bytes());
  used_ = 0;
  big_sizes_.clear();
}

void TraceTable::grow() {
  const std::size_t new_capacity = capacity_ == 0 ? kMinCapacity : 2 * capacity_;
  auto* fresh = static_cast<Slot*>(heap::map_zeroed(new_capacity * sizeof(Slot)));
  Slot* old = slots_;
  const std::size_t old_capacity = capacity_;
  slots_ = fresh;
  capacity_ = new_capacity;
  used_ = 0;
  for (std::size_t i = 0; i < old_capacity; ++i) {
    if (old[i].block == 0) continue;
    std::size_t j = home(old[i].block);
    while (slots_[j].block != 0) j = (j + 1) & mask();
    slots_[j] = old[i];
    ++used_;
  }
  heap::unmap(old, old_capacity * sizeof(Slot));
}

}  // namespace gclab::detail::tracer
