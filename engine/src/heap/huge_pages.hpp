// Zeroed memory in 2 MiB huge pages where the kernel allows it (transparent huge pages in
// "madvise" mode), for the arenas' slabs, large blocks and the tracer's big tables: memory of
// megabytes, touched all over, would otherwise take a page fault per 4 KiB -- costly on virtual
// machines -- and a TLB entry per 4 KiB, which a sweep or a random probe keeps missing.
#pragma once

#include <cstddef>

namespace gclab::detail::heap {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

/// `bytes` of zeroed memory, 2 MiB-aligned and advised into huge pages when at least that large.
/// Throws std::bad_alloc.
void* map_zeroed(std::size_t bytes);
void unmap(void* memory, std::size_t bytes) noexcept;

}  // namespace gclab::detail::heap
