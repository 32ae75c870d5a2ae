#include "heap/huge_pages.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <new>

namespace gclab::detail::heap {

void* map_zeroed(std::size_t bytes) {
  const std::size_t padded = bytes >= kHugePage ? bytes + kHugePage : bytes;
  void* p = ::mmap(nullptr, padded, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) throw std::bad_alloc();
  if (padded == bytes) return p;
  // Keep the 2 MiB-aligned part; give back the head before it and the tail after it.
  const auto start = reinterpret_cast<std::uintptr_t>(p);
  const std::uintptr_t aligned = (start + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > start) ::munmap(p, aligned - start);
  const std::uintptr_t end = start + padded, used_end = aligned + bytes;
  if (end > used_end) ::munmap(reinterpret_cast<void*>(used_end), end - used_end);
  ::madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

void unmap(void* memory, std::size_t bytes) noexcept {
  if (memory) ::munmap(memory, bytes);
}

}  // namespace gclab::detail::heap
