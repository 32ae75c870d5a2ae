// Where object memory comes from: size-class free lists carved out of large chunks (cut from
// huge-page slabs) that are kept for the life of the process, in the spirit of CPython's
// pymalloc. A freed block goes back on its class's free list, so steady-state allocation touches
// no new pages and never calls the system allocator. Blocks above kMaxBlock go to operator new.
//
// The free-list fast paths are inline (every object allocation and deallocation goes through
// them); carving new blocks and large blocks are out of line.
//
// With GCLAB_SYSTEM_ALLOC every block comes from operator new, so AddressSanitizer sees each
// object's lifetime.
#pragma once

#include <array>
#include <cstddef>

namespace gclab::detail::arena {

inline constexpr std::size_t kAlignment = 16;
inline constexpr std::size_t kMaxBlock = 512;
/// Blocks up to kMaxBlock are carved from chunks of this size, aligned to it (so a block's chunk
/// is its address rounded down: tracemalloc keeps its traces per chunk).
inline constexpr std::size_t kChunkSize = 256 * 1024;

/// Whether a block of `size` bytes lives in a chunk.
constexpr bool in_chunk(std::size_t size) noexcept { return !GCLAB_SYSTEM_ALLOC && size <= kMaxBlock; }

inline constexpr std::size_t kNumClasses = kMaxBlock / kAlignment;

/// The size class of a block of `size` bytes (up to kMaxBlock): class i holds (i + 1) * 16 bytes.
constexpr std::size_t class_index(std::size_t size) noexcept {
  return (size + kAlignment - 1) / kAlignment - 1;
}

#if GCLAB_SYSTEM_ALLOC

inline void* allocate_from_free_list(std::size_t) noexcept { return nullptr; }
void* allocate(std::size_t size);
void deallocate(void* block, std::size_t size) noexcept;

#else

struct FreeBlock {
  FreeBlock* next;
};

struct SizeClass {
  FreeBlock* free = nullptr;
  char* bump = nullptr;  // uncarved remainder of the class's current chunk
  char* bump_end = nullptr;
};

/// Constant-initialized (all empty), so usable from any static initializer.
extern std::array<SizeClass, kNumClasses> classes;

/// The slow paths: a block carved from the class's chunk (a new chunk when it runs out), or a
/// large block (large_blocks.cpp).
void* allocate_slow(std::size_t size);
void* allocate_large(std::size_t size);
void deallocate_large(void* block, std::size_t size) noexcept;

/// A block off its class's free list, or null (none free, or a large size): a test and a pop,
/// with no call, so that a caller's own fast path needs no registers saved.
inline void* allocate_from_free_list(std::size_t size) noexcept {
  if (size > kMaxBlock) return nullptr;
  SizeClass& c = classes[class_index(size)];
  FreeBlock* block = c.free;
  if (block) c.free = block->next;
  return block;
}

inline void* allocate(std::size_t size) {
  if (void* block = allocate_from_free_list(size)) return block;
  return allocate_slow(size);
}

inline void deallocate(void* block, std::size_t size) noexcept {
  if (size > kMaxBlock) {
    deallocate_large(block, size);
    return;
  }
  SizeClass& c = classes[class_index(size)];
  auto* freed = static_cast<FreeBlock*>(block);
  freed->next = c.free;
  c.free = freed;
}

#endif

}  // namespace gclab::detail::arena
