#include "tracemalloc/tracer.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include "heap/arena.hpp"
#include "tracemalloc/shadow_map.hpp"
#include "tracemalloc/stack_table.hpp"
#include "tracemalloc/stack_walk.hpp"
#include "tracemalloc/trace_table.hpp"

namespace gclab::detail::tracer {

bool tracing = false;

namespace {

struct State {
  int traceback_limit = 1;
  std::size_t current = 0;
  std::size_t peak = 0;
  ShadowMap small;    // the engine's blocks in arena chunks
  TraceTable traces;  // domain 0: the engine's large blocks, and blocks given to track()
  // Blocks given to track() in other domains: rare, so a plain map.
  std::map<std::pair<unsigned, std::uintptr_t>, RawTrace> foreign;
  StackTable stacks;
  std::vector<std::uintptr_t> walk_buffer;
};

// Inline: every traced allocation and free asks, and the answer is one guard test away.
[[gnu::always_inline]] inline State& state() {
  static State s;
  return s;
}

// The interned stack of the program frames above `frame_address`, a frame of the tracer's: the
// engine frames between it and the program are not kept (stack_walk.hpp), so it does not matter
// which of the tracer's frames the walk starts from.
[[gnu::always_inline]] inline std::uint32_t capture(State& s, const void* frame_address) {
  const WalkResult walk = walk_stack(frame_address, s.walk_buffer.data(), s.walk_buffer.size(),
                                     static_cast<std::size_t>(s.traceback_limit));
  return s.stacks.intern(s.walk_buffer.data(), walk.length, walk.complete, walk.hash);
}

void count(State& s, std::size_t added, std::size_t removed) noexcept {
  s.current = s.current - removed + added;
  s.peak = std::max(s.peak, s.current);
}

void add(State& s, std::uintptr_t block, unsigned domain, std::size_t size) {
  const std::uint32_t stack = capture(s, __builtin_frame_address(0));
  std::optional<std::size_t> replaced;
  if (domain == 0) {
    replaced = s.traces.insert({block, size, stack});
  } else {
    RawTrace& slot = s.foreign[{domain, block}];
    if (slot.domain != 0) replaced = slot.size;  // a fresh slot has domain 0: never a foreign one
    slot = {domain, size, stack};
  }
  count(s, size, replaced.value_or(0));
}

void remove(State& s, std::uintptr_t block, unsigned domain) noexcept {
  if (domain == 0) {
    if (auto removed = s.traces.remove(block)) s.current -= removed->size;
  } else if (auto it = s.foreign.find({domain, block}); it != s.foreign.end()) {
    s.current -= it->second.size;
    s.foreign.erase(it);
  }
}


}  // namespace

[[gnu::noinline]] void trace_allocation(void* block, std::size_t size) {
  State& s = state();
  if (arena::in_chunk(size)) {
    s.small.record(reinterpret_cast<std::uintptr_t>(block), size,
                   capture(s, __builtin_frame_address(0)));
    count(s, size, 0);
  } else {
    add(s, reinterpret_cast<std::uintptr_t>(block), 0, size);
  }
}

void trace_free(void* block, std::size_t size) noexcept {
  State& s = state();
  if (arena::in_chunk(size)) {
    if (auto freed = s.small.erase(reinterpret_cast<std::uintptr_t>(block))) s.current -= *freed;
  } else {
    remove(s, reinterpret_cast<std::uintptr_t>(block), 0);
  }
}

void start(int nframe) {
  if (tracing) return;  // CPython keeps the running session's limit
  State& s = state();
  s.traceback_limit = nframe;
  s.walk_buffer.assign(static_cast<std::size_t>(nframe), 0);  // each kept address is >= 1 frame
  tracing = true;
}

void stop() noexcept {
  tracing = false;
  clear();
}

void clear() noexcept {
  State& s = state();
  s.small.clear();
  s.traces.clear();
  s.foreign.clear();
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
  return sizeof(State) + s.small.bytes() + s.traces.bytes() + s.stacks.bytes() +
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
  const auto address = reinterpret_cast<std::uintptr_t>(block);
  if (const auto t = state().small.find(address)) return RawTrace{0, t->size, t->stack};
  if (const auto t = state().traces.find(address)) return RawTrace{0, t->size, t->stack};
  return std::nullopt;
}

std::vector<RawTrace> traces() {
  const State& s = state();
  std::vector<RawTrace> out;
  out.reserve(s.traces.size() + s.foreign.size());
  s.small.for_each([&](const ShadowMap::Trace& t) { out.push_back({0, t.size, t.stack}); });
  s.traces.for_each([&](const TraceTable::Trace& t) { out.push_back({0, t.size, t.stack}); });
  for (const auto& [key, t] : s.foreign) out.push_back(t);
  return out;
}

RawStack stack(std::uint32_t id) noexcept { return state().stacks.get(id); }

}  // namespace gclab::detail::tracer
