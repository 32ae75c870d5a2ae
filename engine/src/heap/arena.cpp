#include "heap/arena.hpp"

#include <new>

namespace gclab::detail::arena {

#if GCLAB_SYSTEM_ALLOC

void* allocate(std::size_t size) { return ::operator new(size, std::align_val_t{kAlignment}); }
void deallocate(void* block, std::size_t) noexcept {
  ::operator delete(block, std::align_val_t{kAlignment});
}

#else

// 256 KiB chunks: large enough that carving is rare, small enough that a tiny program stays tiny.
std::array<SizeClass, kNumClasses> classes;

void* allocate_slow(std::size_t size) {
  if (size > kMaxBlock) return allocate_large(size);
  const std::size_t index = class_index(size);
  const std::size_t block_size = (index + 1) * kAlignment;
  SizeClass& c = classes[index];
  if (c.bump + block_size > c.bump_end) {
    c.bump = static_cast<char*>(::operator new(kChunkSize, std::align_val_t{kChunkSize}));
    c.bump_end = c.bump + kChunkSize;
  }
  void* block = c.bump;
  c.bump += block_size;
  return block;
}

#endif

}  // namespace gclab::detail::arena
