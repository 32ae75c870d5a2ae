// Capturing the caller's stack cheaply enough to do it on every allocation: the return
// addresses found by following the frame-pointer chain (every gclab target is built with
// -fno-omit-frame-pointer), bounded by the thread's stack so that a frame without a frame
// pointer ends the walk instead of misleading it. Turning addresses into source lines waits for
// take_snapshot() (symbolizer.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace gclab::detail::tracer {

struct WalkResult {
  std::size_t length;  // addresses stored, most recent first
  bool complete;       // the walk reached the stack's end before `capacity` ran out
  std::uint64_t hash;  // of the addresses, computed as they are read (StackTable's key)
};

/// The hash WalkResult carries, for stacks that did not come from a walk.
inline std::uint64_t hash_step(std::uint64_t h, std::uintptr_t pc) noexcept {
  return (h ^ pc) * 0x9E3779B97F4A7C15ull;
}
inline constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ull;

/// Stores in `pcs` the return addresses of the frames above the caller (the tracer), most recent
/// first.
[[gnu::noinline]] WalkResult walk_stack(std::uintptr_t* pcs, std::size_t capacity) noexcept;

}  // namespace gclab::detail::tracer
