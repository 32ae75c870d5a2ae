#include "tracemalloc/symbolizer.hpp"

#include <backtrace.h>

#include <filesystem>
#include <string_view>
#include <unordered_map>

namespace gclab::detail::tracer {

namespace {

using tracemalloc::Frame;

// GCLAB_SOURCE_DIR (the project's root, set by CMake) ends without a slash.
constexpr std::string_view kSourceRoot = GCLAB_SOURCE_DIR "/";
constexpr std::string_view kEngineDir = "engine/";

backtrace_state* debug_info() {
  // Created once and kept: libbacktrace has no way to free its state, and reading the
  // executable's DWARF is the expensive part worth keeping.
  static backtrace_state* state = backtrace_create_state(
      nullptr, /*threaded=*/0, [](void*, const char*, int) {}, nullptr);
  return state;
}

// Programs built with CMake record absolute source paths. System headers live under /usr/, and
// system libraries built elsewhere (glibc with debug info: "../sysdeps/...") record relative ones.
bool is_program_file(std::string_view path) {
  if (!path.starts_with('/') || path.starts_with("/usr/")) return false;
  return !(path.starts_with(kSourceRoot) && path.substr(kSourceRoot.size()).starts_with(kEngineDir));
}

int collect_frame(void* data, std::uintptr_t, const char* filename, int lineno, const char*) {
  if (filename != nullptr && is_program_file(filename))
    static_cast<std::vector<Frame>*>(data)->push_back({display_path(filename), lineno});
  return 0;
}

}  // namespace

std::string display_path(const char* path) {
  // "a/../b" as the compiler may record it for `#include "../x.hpp"`: shown as "b".
  const std::string normal = std::filesystem::path(path).lexically_normal().string();
  std::string_view p(normal);
  if (p.starts_with(kSourceRoot)) p.remove_prefix(kSourceRoot.size());
  return std::string(p);
}

std::string source_path(const std::string& display) {
  if (display.empty() || display.front() == '/') return display;
  return std::string(kSourceRoot) + display;
}

const std::vector<Frame>& program_frames(std::uintptr_t return_address) {
  static std::unordered_map<std::uintptr_t, std::vector<Frame>> cache;
  auto [it, inserted] = cache.try_emplace(return_address);
  if (inserted && debug_info()) {
    // A return address points after the call; the call itself is one byte earlier.
    backtrace_pcinfo(debug_info(), return_address - 1, collect_frame,
                     [](void*, const char*, int) {}, &it->second);
  }
  return it->second;
}

FrameCountSlot frame_count_slots[kFrameCountSlots] = {};

std::size_t count_program_frames(std::uintptr_t return_address) noexcept {
  std::size_t count = 0;
  try {
    count = program_frames(return_address).size();
  } catch (...) {
    return 1;  // out of memory while symbolizing: keep the address, take_snapshot() tries again
  }
  frame_count_slot(return_address) = {return_address, count};
  return count;
}

ProgramStack program_stack(std::span<const std::uintptr_t> stack, int limit) {
  ProgramStack out{{}, 0};
  for (std::uintptr_t pc : stack) {
    for (const Frame& f : program_frames(pc)) {
      if (out.total < limit) out.most_recent_first.push_back(f);
      ++out.total;
    }
  }
  if (out.most_recent_first.empty()) {
    out.most_recent_first.push_back({"<unknown>", 0});
    out.total = 1;
  }
  return out;
}

}  // namespace gclab::detail::tracer
