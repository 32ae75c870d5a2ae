// Where object memory comes from: size-class free lists carved out of large chunks that are
// kept for the life of the process, in the spirit of CPython's pymalloc. A freed block goes back
// on its class's free list, so steady-state allocation touches no new pages and never calls
// the system allocator. Blocks above kMaxBlock go to operator new.
//
// With GCLAB_SYSTEM_ALLOC every block comes from operator new, so AddressSanitizer sees each
// object's lifetime.
#pragma once

#include <cstddef>

namespace gclab::detail::arena {

inline constexpr std::size_t kAlignment = 16;
inline constexpr std::size_t kMaxBlock = 512;

void* allocate(std::size_t size);
void deallocate(void* block, std::size_t size) noexcept;

}  // namespace gclab::detail::arena
