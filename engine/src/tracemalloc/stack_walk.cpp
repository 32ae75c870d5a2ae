#include "tracemalloc/stack_walk.hpp"

#include <pthread.h>

#include "tracemalloc/symbolizer.hpp"

namespace gclab::detail::tracer {

namespace {

// What a frame pointer points at on x86-64 and AArch64: the caller's frame pointer, then the
// return address into the caller.
struct FrameRecord {
  const FrameRecord* caller;
  std::uintptr_t return_address;
};

std::uintptr_t stack_end() noexcept {
  thread_local std::uintptr_t end = [] {
    std::uintptr_t top = 0;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
      void* addr = nullptr;
      std::size_t size = 0;
      if (pthread_attr_getstack(&attr, &addr, &size) == 0)
        top = reinterpret_cast<std::uintptr_t>(addr) + size;
      pthread_attr_destroy(&attr);
    }
    return top;
  }();
  return end;
}

}  // namespace

WalkResult walk_stack(std::uintptr_t* pcs, std::size_t capacity, std::size_t program_frames_wanted) noexcept {
  const std::uintptr_t end = stack_end();
  const auto* frame = static_cast<const FrameRecord*>(__builtin_frame_address(0));
  // The first return address leads back into the tracer, which no report should show.
  std::size_t skip = 1;
  std::size_t length = 0;
  std::size_t program_frames = 0;
  std::uint64_t hash = kHashSeed;
  for (;;) {
    const auto here = reinterpret_cast<std::uintptr_t>(frame);
    if (here % alignof(FrameRecord) != 0 || here + sizeof(FrameRecord) > end) break;
    const std::uintptr_t pc = frame->return_address;
    if (pc == 0) break;
    if (skip > 0) {
      --skip;
    } else {
      if (length == capacity) return {length, false, hash};
      pcs[length++] = pc;
      hash = hash_step(hash, pc);
      program_frames += program_frame_count(pc);
      if (program_frames >= program_frames_wanted) return {length, false, hash};
    }
    // The stack grows down: a caller's frame is always above its callee's.
    if (reinterpret_cast<std::uintptr_t>(frame->caller) <= here) break;
    frame = frame->caller;
  }
  return {length, true, hash};
}

}  // namespace gclab::detail::tracer
