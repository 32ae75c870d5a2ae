#include "tracemalloc/stack_walk.hpp"

#include <pthread.h>

namespace gclab::detail::tracer {

constinit thread_local std::uintptr_t thread_stack_end = 0;

std::uintptr_t find_stack_end() noexcept {
  pthread_attr_t attr;
  if (pthread_getattr_np(pthread_self(), &attr) == 0) {
    void* addr = nullptr;
    std::size_t size = 0;
    if (pthread_attr_getstack(&attr, &addr, &size) == 0)
      thread_stack_end = reinterpret_cast<std::uintptr_t>(addr) + size;
    pthread_attr_destroy(&attr);
  }
  return thread_stack_end;
}

WalkResult walk_unknown(const FrameRecord* frame, std::uintptr_t end, WalkState w) noexcept {
  do {
    const std::uintptr_t pc = frame->return_address;
    if (pc == 0) break;
    if (auto done = keep(w, pc, program_frame_count(pc))) return *done;
    frame = caller_of(frame, end);
  } while (frame != nullptr);
  return {w.length, true, w.hash};
}

}  // namespace gclab::detail::tracer
