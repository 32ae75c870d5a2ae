// The tracer: what tracemalloc records while it runs. Every block the heap hands out while
// `tracing` is set gets a trace -- its size and the interned call stack that asked for it -- and
// loses it when freed. Kept apart from the public module (module.cpp) so the heap's inline fast
// path sees only a flag and two out-of-line calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace gclab::detail::tracer {

/// Set between start() and stop(): the heap's fast paths test only this.
extern bool tracing;

/// Records a block the heap just allocated, with the program frames of the stack that asked for
/// it. Never inlined (tracer.cpp): the walk starts from a frame of the engine's own.
void trace_allocation(void* block, std::size_t size);
/// Forgets a block the heap is about to free (no-op for a block allocated before start()).
void trace_free(void* block, std::size_t size) noexcept;

/// One live trace, as the tracer stores it: the stack is an id into the interned stacks.
struct RawTrace {
  unsigned domain;
  std::size_t size;
  std::uint32_t stack;
};

/// The return addresses of an interned stack, most recent first, and how many frames the whole
/// stack had when it was captured (nullopt when the walk was cut off).
struct RawStack {
  const std::uintptr_t* pcs;
  std::size_t length;
  bool complete;
};

void start(int nframe);
void stop() noexcept;
void clear() noexcept;
int traceback_limit() noexcept;
std::size_t current() noexcept;
std::size_t peak() noexcept;
void reset_peak() noexcept;
std::size_t memory_usage() noexcept;
bool track(unsigned domain, const void* block, std::size_t size);
void untrack(unsigned domain, const void* block) noexcept;
/// The trace of one block in domain 0, if it has one.
std::optional<RawTrace> find(const void* block) noexcept;
/// Every live trace, in table order.
std::vector<RawTrace> traces();
RawStack stack(std::uint32_t id) noexcept;

}  // namespace gclab::detail::tracer
