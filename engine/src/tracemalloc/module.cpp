// gclab::tracemalloc's module-level functions: the tracer's controls, and take_snapshot(), which
// turns the live traces into a Snapshot with source lines.
#include <vector>

#include "gc/gc_header.hpp"
#include "gclab/errors.hpp"
#include "gclab/tracemalloc.hpp"
#include "tracemalloc/symbolizer.hpp"
#include "tracemalloc/tracer.hpp"

namespace gclab::tracemalloc {

namespace tracer = detail::tracer;

namespace {

constexpr int kMaxFrames = 65535;

// The traceback of an interned stack, at the running session's limit. Its total_nframe is
// known only if the capture reached the bottom of the stack.
Traceback traceback_of(std::uint32_t stack, bool with_total) {
  const tracer::RawStack raw = tracer::stack(stack);
  tracer::ProgramStack program = tracer::program_stack({raw.pcs, raw.length}, tracer::traceback_limit());
  std::optional<int> total;
  if (with_total && raw.complete) total = program.total;
  return Traceback(std::move(program.most_recent_first), total);
}

}  // namespace

void start(int nframe) {
  if (nframe < 1 || nframe > kMaxFrames)
    throw ValueError("the number of frames must be in range [1; 65535]");
  tracer::start(nframe);
}

void stop() { tracer::stop(); }
bool is_tracing() noexcept { return tracer::tracing; }

TracedMemory get_traced_memory() noexcept {
  if (!tracer::tracing) return {0, 0};
  return {tracer::current(), tracer::peak()};
}

void reset_peak() noexcept {
  if (tracer::tracing) tracer::reset_peak();
}

void clear_traces() noexcept {
  if (tracer::tracing) tracer::clear();
}

int get_traceback_limit() noexcept { return tracer::traceback_limit(); }
std::size_t get_tracemalloc_memory() noexcept { return tracer::memory_usage(); }

Snapshot take_snapshot() {
  if (!tracer::tracing)
    throw RuntimeError("the tracemalloc module must be tracing memory allocations to take a snapshot");
  const std::vector<tracer::RawTrace> raw = tracer::traces();
  // Symbolize each interned stack once, however many traces share it.
  std::vector<std::optional<Traceback>> tracebacks;
  std::vector<Trace> traces;
  traces.reserve(raw.size());
  for (const tracer::RawTrace& t : raw) {
    if (t.stack >= tracebacks.size()) tracebacks.resize(t.stack + 1);
    std::optional<Traceback>& tb = tracebacks[t.stack];
    if (!tb) tb = traceback_of(t.stack, /*with_total=*/true);
    traces.push_back({t.domain, t.size, *tb});
  }
  return Snapshot(std::move(traces), tracer::traceback_limit());
}

std::optional<Traceback> get_object_traceback(const Object& obj) {
  if (!tracer::tracing) return std::nullopt;
  // The traced block of a GC object starts at its GC header.
  const void* block = obj.type().is_gc ? static_cast<const void*>(detail::GcHeader::of(&obj)) : &obj;
  const auto trace = tracer::find(block);
  if (!trace) return std::nullopt;
  // CPython's get_object_traceback() gives the frames alone, without total_nframe.
  return traceback_of(trace->stack, /*with_total=*/false);
}

bool track(unsigned domain, const void* block, std::size_t size) {
  return tracer::track(domain, block, size);
}

void untrack(unsigned domain, const void* block) noexcept { tracer::untrack(domain, block); }

}  // namespace gclab::tracemalloc
