// The memory behind an object's variable-size parts (a list's items, a dict's entries and index,
// a str's characters) comes from the engine's heap, as CPython's comes from its object allocator:
// tracemalloc sees it, attributed to the line that made the container grow.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gclab::detail {

void* allocate_storage(std::size_t bytes);
void deallocate_storage(void* block, std::size_t bytes) noexcept;

template <class T>
struct StorageAllocator {
  using value_type = T;
  StorageAllocator() noexcept = default;
  template <class U>
  StorageAllocator(const StorageAllocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(allocate_storage(n * sizeof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { deallocate_storage(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const StorageAllocator<U>&) const noexcept {
    return true;
  }
};

/// A growable array in the engine's heap.
template <class T>
using Storage = std::vector<T, StorageAllocator<T>>;
/// Character data in the engine's heap.
using StorageString = std::basic_string<char, std::char_traits<char>, StorageAllocator<char>>;

}  // namespace gclab::detail
