// Zeroed memory for the tracer's big tables, in 2 MiB huge pages where the kernel allows it
// (transparent huge pages in "madvise" mode): tables of megabytes, touched all over, would
// otherwise take a page fault per 4 KiB -- costly on virtual machines.
#pragma once

#include <cstddef>

namespace gclab::detail::heap {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

/// `bytes` of zeroed memory, 2 MiB-aligned and advised into huge pages when at least that large.
/// Throws std::bad_alloc.
void* map_zeroed(std::size_t bytes);
void unmap(void* memory, std::size_t bytes) noexcept;

}  // namespace gclab::detail::heap
