#include "gclab/detail/storage.hpp"

#include "heap/heap.hpp"

namespace gclab::detail {

void* allocate_storage(std::size_t bytes) { return heap::allocate(bytes); }
void deallocate_storage(void* block, std::size_t bytes) noexcept { heap::deallocate(block, bytes); }

}  // namespace gclab::detail
