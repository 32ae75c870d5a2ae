#include "heap/arena.hpp"

#include <array>
#include <cstdint>
#include <new>

namespace gclab::detail::arena {

#if GCLAB_SYSTEM_ALLOC

void* allocate(std::size_t size) { return ::operator new(size, std::align_val_t{kAlignment}); }
void deallocate(void* block, std::size_t) noexcept {
  ::operator delete(block, std::align_val_t{kAlignment});
}

#else

namespace {

// 256 KiB chunks: large enough that carving is rare, small enough that a tiny program stays tiny.
constexpr std::size_t kChunkSize = 256 * 1024;
constexpr std::size_t kNumClasses = kMaxBlock / kAlignment;

struct FreeBlock {
  FreeBlock* next;
};

struct SizeClass {
  FreeBlock* free = nullptr;
  char* bump = nullptr;  // uncarved remainder of the class's current chunk
  char* bump_end = nullptr;
};

std::array<SizeClass, kNumClasses> classes;

std::size_t class_index(std::size_t size) noexcept { return (size + kAlignment - 1) / kAlignment - 1; }

void* refill(SizeClass& c, std::size_t block_size) {
  if (c.bump + block_size > c.bump_end) {
    c.bump = static_cast<char*>(::operator new(kChunkSize, std::align_val_t{kAlignment}));
    c.bump_end = c.bump + kChunkSize;
  }
  void* block = c.bump;
  c.bump += block_size;
  return block;
}

}  // namespace

void* allocate(std::size_t size) {
  if (size > kMaxBlock) return ::operator new(size, std::align_val_t{kAlignment});
  const std::size_t index = class_index(size);
  SizeClass& c = classes[index];
  if (FreeBlock* block = c.free) {
    c.free = block->next;
    return block;
  }
  return refill(c, (index + 1) * kAlignment);
}

void deallocate(void* block, std::size_t size) noexcept {
  if (size > kMaxBlock) {
    ::operator delete(block, std::align_val_t{kAlignment});
    return;
  }
  SizeClass& c = classes[class_index(size)];
  auto* freed = static_cast<FreeBlock*>(block);
  freed->next = c.free;
  c.free = freed;
}

#endif

}  // namespace gclab::detail::arena
