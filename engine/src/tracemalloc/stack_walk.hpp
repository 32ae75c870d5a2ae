// Capturing the caller's stack cheaply enough to do it on every allocation: the return
// addresses found by following the frame-pointer chain (every gclab target is built with
// -fno-omit-frame-pointer), bounded by the thread's stack so that a frame without a frame
// pointer ends the walk instead of misleading it. The walk stops as soon as it holds as many of
// the program's frames as the traceback limit keeps: the frames below them (main, the C runtime,
// a test framework) would only be dropped again, and walking them was most of the cost of
// tracing with one frame. Which addresses are the program's is known from their first
// symbolization (symbolizer.hpp); full source lines wait for take_snapshot().
#pragma once

#include <cstddef>
#include <cstdint>

namespace gclab::detail::tracer {

struct WalkResult {
  std::size_t length;  // addresses stored, most recent first
  bool complete;       // the walk reached the stack's end: `length` is the whole stack
  std::uint64_t hash;  // of the addresses, computed as they are read (StackTable's key)
};

/// The hash WalkResult carries, for stacks that did not come from a walk.
inline std::uint64_t hash_step(std::uint64_t h, std::uintptr_t pc) noexcept {
  return (h ^ pc) * 0x9E3779B97F4A7C15ull;
}
inline constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ull;

/// Stores in `pcs` the return addresses of the frames above the caller (the tracer), most recent
/// first, until they stand for `program_frames_wanted` of the program's frames, `capacity` runs
/// out or the stack ends.
[[gnu::noinline]] WalkResult walk_stack(std::uintptr_t* pcs, std::size_t capacity,
                                        std::size_t program_frames_wanted) noexcept;

}  // namespace gclab::detail::tracer
