// The collection itself (CPython's gc_collect_main) and the schedule that decides when one runs.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>
#include <ostream>

#include "gc/gc_list.hpp"
#include "gc/phases.hpp"
#include "gc/state.hpp"
#include "gc/trace.hpp"
#include "gclab/sys.hpp"

namespace gclab::detail {

namespace {

struct CollectResult {
  std::ptrdiff_t collected = 0;      ///< m: unreachable objects torn down (or saved)
  std::ptrdiff_t uncollectable = 0;  ///< n: legacy-finalizer garbage and what it reaches
};

void debug_stats_header(const GcState& st, int generation) {
  fmt::print(sys::err(), "gc: collecting generation {}...\n", generation);
  fmt::print(sys::err(), "gc: objects in each generation: {} {} {}\n",
             gc_list_size(&st.generations[0].head), gc_list_size(&st.generations[1].head),
             gc_list_size(&st.generations[2].head));
  fmt::print(sys::err(), "gc: objects in permanent generation: {}\n",
             gc_list_size(&st.permanent));
}

/// `gc: collectable <Node 0x…>` for every member of `list` (CPython's debug_cycle).
void debug_list(std::string_view what, GcHeader* list) {
  for (GcHeader* gc = list->next(); gc != list; gc = gc->next()) {
    Object* op = gc->object();
    fmt::print(sys::err(), "gc: {} <{} {}>\n", what, op->type().name, fmt::ptr(op));
  }
}

// Collects generations 0..generation. The examined set is gen `generation` followed by the
// younger generations in order (gen 2 ++ gen 0 ++ gen 1 for a full collection), each in
// allocation order: that is the order of DEBUG_COLLECTABLE lines and of finalizers.
CollectResult collect_main(int generation) {
  GcState& st = gcstate();
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  if (st.debug & gc::DEBUG_STATS) debug_stats_header(st, generation);

  if (generation + 1 < gc::kNumGenerations) ++st.generations[generation + 1].count;
  for (int i = 0; i <= generation; ++i) st.generations[i].count = 0;
  for (int i = 0; i < generation; ++i) gc_list_merge(st.gen_head(i), st.gen_head(generation));

  GcHeader* young = st.gen_head(generation);
  GcHeader* old = generation + 1 < gc::kNumGenerations ? st.gen_head(generation + 1) : young;
  GCLAB_VALIDATE_LIST(old, Expect::Clear, Expect::Clear);

  GcHeader unreachable;
  // The survivors are counted as the phases go (CPython walks them once more to count them).
  std::vector<GcHeader*>& untrackable = st.untrackable;
  untrackable.clear();
  const Examined examined = young == old ? Examined::AllTracked : Examined::Listed;
  UnreachableSeen seen;
  std::ptrdiff_t survivors = deduce_unreachable(young, examined, &unreachable, &untrackable, &seen);
  if (st.trace) st.trace->found_unreachable(&unreachable);
  survivors -= untrack_tuples(untrackable);
  if (young != old) {
    if (generation == 1) st.long_lived_pending += survivors;
    gc_list_merge(young, old);
  } else {
    survivors -= untrack_dicts(untrackable);
    st.long_lived_pending = 0;
    st.long_lived_total = survivors;
  }

  GcHeader finalizers;
  gc_list_init(&finalizers);
  if (seen.legacy_finalizers) {
    seen = move_legacy_finalizers(&unreachable, &finalizers);
    move_legacy_finalizer_reachable(&finalizers);
  }
  // What a legacy finalizer reaches leaves unreachable: `seen` then over-counts.
  const bool seen_exact = gc_list_is_empty(&finalizers);
  GCLAB_VALIDATE_LIST(&finalizers, Expect::Clear, Expect::Clear);
  GCLAB_VALIDATE_LIST(&unreachable, Expect::Set, Expect::Set);

  if (st.debug & gc::DEBUG_COLLECTABLE) debug_list("collectable", &unreachable);

  CollectResult result;
  // The phases below that find nothing to do in `seen` are skipped: they would walk the list
  // and change nothing.
  const WeakrefsHandled weakrefs =
      seen.weakly_referenced ? handle_weakrefs(&unreachable, old) : WeakrefsHandled{};
  result.collected = weakrefs.freed;
  const std::ptrdiff_t finalizers_called = seen.finalizers_pending ? finalize_garbage(&unreachable) : 0;
  const bool user_code_ran = weakrefs.callbacks + finalizers_called > 0;
  GcHeader final_unreachable;
  handle_resurrected_objects(&unreachable, &final_unreachable, old, user_code_ran);
  result.collected += seen_exact && !user_code_ran ? seen.size : gc_list_size(&final_unreachable);
  delete_garbage(&final_unreachable, old);

  result.uncollectable = gc_list_size(&finalizers);
  if (st.debug & gc::DEBUG_UNCOLLECTABLE) debug_list("uncollectable", &finalizers);
  if (st.debug & gc::DEBUG_STATS) {
    const std::chrono::duration<double> elapsed = Clock::now() - started;
    fmt::print(sys::err(), "gc: done, {} unreachable, {} uncollectable, {:.4f}s elapsed\n",
               result.collected + result.uncollectable, result.uncollectable, elapsed.count());
  }
  handle_legacy_finalizers(&finalizers, old);

  gc::GenerationStats& stats = st.stats[static_cast<std::size_t>(generation)];
  ++stats.collections;
  stats.collected += result.collected;
  stats.uncollectable += result.uncollectable;
  return result;
}

void invoke_callbacks(std::string_view phase, int generation, const CollectResult& result) {
  GcState& st = gcstate();
  if (st.callbacks.empty()) return;
  const gc::CallbackInfo info{generation, result.collected, result.uncollectable};
  // A callback may add or remove callbacks: iterate over the list as it was.
  const std::vector<gc::Callback> callbacks = st.callbacks;
  for (std::size_t i = 0; i < callbacks.size(); ++i) {
    try {
      // ---- user code runs here ----
      callbacks[i](phase, info);
    } catch (...) {
      write_unraisable(fmt::format("<gc callback #{}>", i), std::current_exception());
    }
  }
}

}  // namespace

std::ptrdiff_t collect_with_callback(int generation) {
  invoke_callbacks("start", generation, {});
  const CollectResult result = collect_main(generation);
  invoke_callbacks("stop", generation, result);
  return result.collected + result.uncollectable;
}

// CPython's gc_collect_generations: collect the oldest generation whose count exceeds its
// threshold. A full collection additionally waits until the objects that survived gen-1
// collections since the last full one exceed 25% of those it left behind: without that, a
// program that keeps building a large structure would rescan all of it every few collections,
// which is quadratic overall.
void collect_generations() {
  GcState& st = gcstate();
  for (int i = gc::kNumGenerations - 1; i >= 0; --i) {
    const Generation& gen = st.generations[static_cast<std::size_t>(i)];
    if (gen.count <= gen.threshold) continue;
    if (i == gc::kNumGenerations - 1 && st.long_lived_pending < st.long_lived_total / 4) continue;
    collect_with_callback(i);
    break;
  }
}

}  // namespace gclab::detail
