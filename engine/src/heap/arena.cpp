#include "heap/arena.hpp"

#include <new>

#include "heap/huge_pages.hpp"

namespace gclab::detail::arena {

#if GCLAB_SYSTEM_ALLOC

void* allocate(std::size_t size) { return ::operator new(size, std::align_val_t{kAlignment}); }
void deallocate(void* block, std::size_t) noexcept {
  ::operator delete(block, std::align_val_t{kAlignment});
}

#else

// 256 KiB chunks: large enough that carving is rare, small enough that a tiny program stays tiny.
std::array<SizeClass, kNumClasses> classes;

namespace {

// Chunks are cut from 2 MiB slabs advised into transparent huge pages: a slab is one TLB entry
// and one page fault where 4 KiB pages made 512 of each. A collection of 10^6 objects sweeps
// 64 MB, and a WeakValueDictionary lookup reads four objects and a dict entry far apart.
constexpr std::size_t kSlabSize = heap::kHugePage;
static_assert(kSlabSize % kChunkSize == 0);

char* new_chunk() {
  static char* slab_next = nullptr;
  static char* slab_end = nullptr;
  if (slab_next == slab_end) {
    slab_next = static_cast<char*>(heap::map_zeroed(kSlabSize));  // aligned to kSlabSize
    slab_end = slab_next + kSlabSize;
  }
  char* chunk = slab_next;
  slab_next += kChunkSize;
  return chunk;
}

}  // namespace

void* allocate_slow(std::size_t size) {
  if (size > kMaxBlock) return allocate_large(size);
  const std::size_t index = class_index(size);
  const std::size_t block_size = (index + 1) * kAlignment;
  SizeClass& c = classes[index];
  if (c.bump + block_size > c.bump_end) {
    c.bump = new_chunk();
    c.bump_end = c.bump + kChunkSize;
  }
  void* block = c.bump;
  c.bump += block_size;
  return block;
}

#endif

}  // namespace gclab::detail::arena
