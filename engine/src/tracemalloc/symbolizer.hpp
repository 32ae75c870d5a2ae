// From return addresses to the program's source lines, through the executable's DWARF line
// tables (libbacktrace, from GCC). Inlined calls expand into frames of their own, as the source
// reads. Frames of the engine itself, of system headers (the C++ library) and of code without
// line information are left out: a report names the student's lines, as CPython's names Python
// lines and never its C internals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gclab/tracemalloc.hpp"

namespace gclab::detail::tracer {

/// The program's frames at one return address, innermost first (cached per address).
const std::vector<tracemalloc::Frame>& program_frames(std::uintptr_t return_address);

/// How many frames program_frames(return_address) has, for the stack walk to ask of every
/// address it reads: a direct-mapped table answers the addresses seen before with one load, and
/// an address seen for the first time is symbolized then (if that fails, it counts as one frame
/// and stays out of the table: the address is kept, and take_snapshot() symbolizes it again).
struct FrameCountSlot {
  std::uintptr_t return_address;
  std::size_t count;
};
inline constexpr std::size_t kFrameCountSlots = 1024;
extern FrameCountSlot frame_count_slots[kFrameCountSlots];
inline FrameCountSlot& frame_count_slot(std::uintptr_t return_address) noexcept {
  return frame_count_slots[(return_address >> 4) % kFrameCountSlots];
}
std::size_t count_program_frames(std::uintptr_t return_address) noexcept;
inline std::size_t program_frame_count(std::uintptr_t return_address) noexcept {
  const FrameCountSlot& slot = frame_count_slot(return_address);
  return slot.return_address == return_address ? slot.count : count_program_frames(return_address);
}

/// The program's frames of a captured stack, most recent first, cut to `limit`, and how many
/// there were before the cut. A stack with no program frame gets CPython's ("<unknown>", 0).
struct ProgramStack {
  std::vector<tracemalloc::Frame> most_recent_first;
  int total;
};
ProgramStack program_stack(std::span<const std::uintptr_t> stack, int limit);

/// A path as reports show it: relative to the project's source tree when inside it.
std::string display_path(const char* path);
/// The path of a file named in a report (the inverse of display_path), for reading its lines.
std::string source_path(const std::string& display);

}  // namespace gclab::detail::tracer
