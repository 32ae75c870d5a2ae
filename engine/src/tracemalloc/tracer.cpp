#include "tracemalloc/tracer.hpp"

#include <algorithm>

#include "tracemalloc/stack_table.hpp"
#include "tracemalloc/stack_walk.hpp"
#include "tracemalloc/trace_table.hpp"

namespace gclab::detail::tracer {

bool tracing = false;

namespace {

// How many frames past the traceback limit a walk may go: the frames of the engine, the C++
// library and the C runtime that sit between the program's frames are only recognised (and
// dropped) when the stack is symbolized, so the walk keeps that many more.
constexpr std::size_t kHiddenFrameAllowance = 64;

struct State {
  int traceback_limit = 1;
  std::size_t current = 0;
  std::size_t peak = 0;
  TraceTable traces;
  StackTable stacks;
  std::vector<std::uintptr_t> walk_buffer;
};

State& state() {
  static State s;
  return s;
}

void add(State& s, std::uintptr_t block, unsigned domain, std::size_t size) {
  const WalkResult walk = walk_stack(s.walk_buffer.data(), s.walk_buffer.size());
  const std::uint32_t stack = s.stacks.intern(s.walk_buffer.data(), walk.length, walk.complete);
  if (auto replaced = s.traces.insert({block, size, stack, domain})) s.current -= *replaced;
  s.current += size;
  s.peak = std::max(s.peak, s.current);
}

void remove(State& s, std::uintptr_t block, unsigned domain) noexcept {
  if (auto removed = s.traces.remove(block, domain)) s.current -= removed->size;
}

}  // namespace

void trace_allocation(void* block, std::size_t size) {
  add(state(), reinterpret_cast<std::uintptr_t>(block), 0, size);
}

void trace_free(void* block) noexcept { remove(state(), reinterpret_cast<std::uintptr_t>(block), 0); }

void start(int nframe) {
  if (tracing) return;  // CPython keeps the running session's limit
  State& s = state();
  s.traceback_limit = nframe;
  s.walk_buffer.assign(static_cast<std::size_t>(nframe) + kHiddenFrameAllowance, 0);
  tracing = true;
}

void stop() noexcept {
  tracing = false;
  clear();
}

void clear() noexcept {
  State& s = state();
  s.traces.clear();
  s.stacks.clear();
  s.current = 0;
  s.peak = 0;
}

int traceback_limit() noexcept { return state().traceback_limit; }
std::size_t current() noexcept { return state().current; }
std::size_t peak() noexcept { return state().peak; }
void reset_peak() noexcept { state().peak = state().current; }

std::size_t memory_usage() noexcept {
  const State& s = state();
  return sizeof(State) + s.traces.bytes() + s.stacks.bytes() +
         s.walk_buffer.capacity() * sizeof(std::uintptr_t);
}

bool track(unsigned domain, const void* block, std::size_t size) {
  if (!tracing) return false;
  add(state(), reinterpret_cast<std::uintptr_t>(block), domain, size);
  return true;
}

void untrack(unsigned domain, const void* block) noexcept {
  if (tracing) remove(state(), reinterpret_cast<std::uintptr_t>(block), domain);
}

std::optional<RawTrace> find(const void* block) noexcept {
  const TraceTable::Entry* e = state().traces.find(reinterpret_cast<std::uintptr_t>(block), 0);
  if (!e) return std::nullopt;
  return RawTrace{e->domain, e->size, e->stack};
}

std::vector<RawTrace> traces() {
  std::vector<RawTrace> out;
  out.reserve(state().traces.size());
  state().traces.for_each(
      [&](const TraceTable::Entry& e) { out.push_back({e.domain, e.size, e.stack}); });
  return out;
}

RawStack stack(std::uint32_t id) noexcept { return state().stacks.get(id); }

}  // namespace gclab::detail::tracer
