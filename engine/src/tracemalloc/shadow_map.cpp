#include "tracemalloc/shadow_map.hpp"

#include <cstring>

#include "heap/huge_pages.hpp"

namespace gclab::detail::tracer {

ShadowMap::ShadowMap() : roots_(std::make_unique<std::unique_ptr<Leaf>[]>(kRoots)) {}

ShadowMap::~ShadowMap() {
  for (Slot* slab : slabs_) heap::unmap(slab, kSlabShadows * kSlots * sizeof(Slot));
}

ShadowMap::Slot* ShadowMap::new_shadow() {
  if (slab_left_ == 0) {
    slabs_.push_back(static_cast<Slot*>(heap::map_zeroed(kSlabShadows * kSlots * sizeof(Slot))));
    slab_left_ = kSlabShadows;
  }
  return slabs_.back() + (kSlabShadows - slab_left_--) * kSlots;
}

ShadowMap::Slot& ShadowMap::slot_in_new_shadow(std::uintptr_t block) {
  const std::uintptr_t chunk = block >> kChunkBits;
  std::unique_ptr<Leaf>& leaf = roots_[chunk >> kLeafBits];
  if (!leaf) leaf = std::make_unique<Leaf>();
  Slot*& slots = leaf->slots[chunk & (kLeaves - 1)];
  slots = new_shadow();
  chunks_.push_back({chunk << kChunkBits, slots});
  return slots[(block & (arena::kChunkSize - 1)) / kGranule];
}

std::optional<ShadowMap::Trace> ShadowMap::find(std::uintptr_t block) const noexcept {
  const Slot* s = find_slot(block);
  if (!s || s->stack_plus_one == 0) return std::nullopt;
  return Trace{s->size, s->stack_plus_one - 1};
}

void ShadowMap::clear() noexcept {
  for (Chunk& c : chunks_) std::memset(static_cast<void*>(c.slots), 0, kSlots * sizeof(Slot));
}

std::size_t ShadowMap::bytes() const noexcept {
  return kRoots * sizeof(std::unique_ptr<Leaf>) + chunks_.size() * kSlots * sizeof(Slot);
}

}  // namespace gclab::detail::tracer
