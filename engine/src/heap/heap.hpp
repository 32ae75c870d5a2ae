// The engine's heap: every block of object memory and container storage passes through here, so
// that tracemalloc sees exactly what the engine allocates (CPython's PyMem allocator hooks).
#pragma once

#include <cstddef>

#include "heap/arena.hpp"
#include "tracemalloc/tracer.hpp"

namespace gclab::detail::heap {

inline void* allocate(std::size_t size) {
  void* block = arena::allocate(size);
  if (tracer::tracing) [[unlikely]]
    tracer::trace_allocation(block, size);
  return block;
}

/// arena::allocate_from_free_list, when tracemalloc is not tracing (null otherwise).
inline void* allocate_from_free_list(std::size_t size) noexcept {
  return tracer::tracing ? nullptr : arena::allocate_from_free_list(size);
}

inline void deallocate(void* block, std::size_t size) noexcept {
  if (tracer::tracing) [[unlikely]]
    tracer::trace_free(block, size);
  arena::deallocate(block, size);
}

}  // namespace gclab::detail::heap
