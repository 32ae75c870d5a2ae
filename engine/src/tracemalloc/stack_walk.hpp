// Capturing the caller's stack cheaply enough to do it on every allocation: the return
// addresses found by following the frame-pointer chain (every gclab target is built with
// -fno-omit-frame-pointer), bounded by the thread's stack so that a frame without a frame
// pointer ends the walk instead of misleading it.
//
// Only the addresses that stand for program frames are kept (symbolizer.hpp knows which, from
// their first symbolization): the engine's and the C++ library's frames would be dropped from
// every report anyway, so a stack of one program frame is one address to hash, intern and
// compare, however deep the engine's call chain under it. And the walk stops as soon as it holds
// as many program frames as the traceback limit keeps: the frames below them (main, the C
// runtime, a test framework) would only be dropped again. Full source lines wait for
// take_snapshot().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "tracemalloc/symbolizer.hpp"

namespace gclab::detail::tracer {

struct WalkResult {
  std::size_t length;  // program addresses stored, most recent first
  bool complete;       // the walk reached the stack's end: `length` is the whole stack
  std::uint64_t hash;  // of the stored addresses, computed as they are read (StackTable's key)
};

/// The calling thread's highest stack address: 0 until stack_end() first asks the system.
extern constinit thread_local std::uintptr_t thread_stack_end;
std::uintptr_t find_stack_end() noexcept;
inline std::uintptr_t stack_end() noexcept {
  return thread_stack_end != 0 ? thread_stack_end : find_stack_end();
}

// What a frame pointer points at on x86-64 and AArch64: the caller's frame pointer, then the
// return address into the caller.
struct FrameRecord {
  const FrameRecord* caller;
  std::uintptr_t return_address;
};

/// Where a walk stands: the addresses stored so far, and the frames they stand for.
struct WalkState {
  std::uintptr_t* pcs;
  std::size_t capacity;
  std::size_t program_frames_wanted;
  std::size_t length = 0;
  std::size_t program_frames = 0;
  std::uint64_t hash = 0xcbf29ce484222325ull;
};

/// One walk step's verdict on the address of a frame (nullopt: walk on).
inline std::optional<WalkResult> keep(WalkState& w, std::uintptr_t pc, std::size_t frames) noexcept {
  if (frames == 0) return std::nullopt;
  if (w.length == w.capacity) return WalkResult{w.length, false, w.hash};
  w.pcs[w.length++] = pc;
  w.hash = (w.hash ^ pc) * 0x9E3779B97F4A7C15ull;
  w.program_frames += frames;
  if (w.program_frames >= w.program_frames_wanted) return WalkResult{w.length, false, w.hash};
  return std::nullopt;
}

/// The next frame up the stack, or null at its end (or at a frame without a frame pointer).
inline const FrameRecord* caller_of(const FrameRecord* frame, std::uintptr_t end) noexcept {
  const auto here = reinterpret_cast<std::uintptr_t>(frame);
  const auto* caller = frame->caller;
  const auto there = reinterpret_cast<std::uintptr_t>(caller);
  // The stack grows down: a caller's frame is always above its callee's.
  if (there <= here || there % alignof(FrameRecord) != 0 || there + sizeof(FrameRecord) > end)
    return nullptr;
  return caller;
}

/// The walk from a frame whose address is not in the frame-count table yet: symbolizes as it
/// goes. Out of line, so that the walk over known addresses keeps its state in registers.
[[gnu::cold]] WalkResult walk_unknown(const FrameRecord* frame, std::uintptr_t end,
                                      WalkState w) noexcept;

/// Stores in `pcs` the return addresses of program frames above `frame_address` (the tracer's
/// __builtin_frame_address(0)), most recent first, until they stand for
/// `program_frames_wanted` program frames, `capacity` runs out or the stack ends. Inline: the
/// tracer's allocation hook walks from its own frame, without a call in between.
[[gnu::always_inline]] inline WalkResult walk_stack(const void* frame_address, std::uintptr_t* pcs,
                                                    std::size_t capacity,
                                                    std::size_t program_frames_wanted) noexcept {
  const std::uintptr_t end = stack_end();
  WalkState w{pcs, capacity, program_frames_wanted};
  const auto* frame = static_cast<const FrameRecord*>(frame_address);
  if (reinterpret_cast<std::uintptr_t>(frame) + sizeof(FrameRecord) > end) return {0, true, w.hash};
  // The first return address leads from the tracer into the engine function that called it
  // (the heap is internal to the engine): never a program frame, not worth a lookup.
  frame = caller_of(frame, end);
  while (frame != nullptr) {
    const std::uintptr_t pc = frame->return_address;
    if (pc == 0) break;
    const FrameCountSlot& slot = frame_count_slot(pc);
    if (slot.return_address != pc) [[unlikely]]
      return walk_unknown(frame, end, w);
    if (auto done = keep(w, pc, slot.count)) return *done;
    frame = caller_of(frame, end);
  }
  return {w.length, true, w.hash};
}

}  // namespace gclab::detail::tracer
