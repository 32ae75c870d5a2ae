// The collector's state: CPython's struct _gc_runtime_state, one per process.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "gc/gc_header.hpp"
#include "gc/gc_list.hpp"
#include "gclab/builtins/list.hpp"
#include "gclab/gc.hpp"

namespace gclab::detail {

class Trace;

struct Generation {
  GcHeader head;              ///< sentinel of the generation's list, in allocation order
  std::ptrdiff_t threshold;   ///< collect when count exceeds it
  std::ptrdiff_t count;       ///< gen 0: allocations minus deallocations; gen n: collections of gen n-1
};

// Why 700/10/10: CPython's defaults. A young object is examined after ~700 net allocations; most
// die young, so gen 0 is cheap and frequent, and older generations are examined 10x less often
// at each step.
inline constexpr std::ptrdiff_t kDefaultThreshold0 = 700;
inline constexpr std::ptrdiff_t kDefaultThreshold1 = 10;
inline constexpr std::ptrdiff_t kDefaultThreshold2 = 10;

struct GcState {
  GcState();

  std::array<Generation, gc::kNumGenerations> generations;
  GcHeader permanent;  ///< gc.freeze(): never examined
  bool enabled = true;
  bool collecting = false;
  int debug = 0;
  /// Size of gen 2 after the last full collection, and the objects that survived a gen-1
  /// collection since: a full collection runs only when pending > total / 4 (see
  /// collect_generations), which keeps full collections linear overall.
  std::ptrdiff_t long_lived_total = 0;
  std::ptrdiff_t long_lived_pending = 0;
  std::array<gc::GenerationStats, gc::kNumGenerations> stats{};
  Ref<List> garbage;
  std::vector<gc::Callback> callbacks;
  /// Listening to the collection under way, for gc::explain(); null otherwise.
  Trace* trace = nullptr;
  /// The surviving tuples and dicts of the collection under way (kept to reuse its capacity).
  std::vector<GcHeader*> untrackable;

  GcHeader* gen_head(int i) noexcept { return &generations[static_cast<std::size_t>(i)].head; }
  /// gc.garbage, created on first use.
  List& garbage_list();
};

/// The process's collector state; created on first use and never destroyed, so objects that
/// outlive main() (in static Refs) can still be released safely. Inline: every allocation and
/// every deallocation of a GC object consults it.
inline GcState* gcstate_ = nullptr;
[[gnu::cold, gnu::noinline]] GcState& create_gcstate() noexcept;
inline GcState& gcstate() noexcept {
  // A constant-initialized pointer: one load and a branch, where a function-local static costs
  // a guard check and a load on each of the three uses per object's life.
  if (!gcstate_) [[unlikely]] return create_gcstate();
  return *gcstate_;
}

/// gcstate() for code that holds a GC object, which its allocation made the state for: no test.
inline GcState& gcstate_in_use() noexcept { return *gcstate_; }

/// Tracks `op` in generation 0 (_PyObject_GC_TRACK).
inline void gc_track(Object* op) noexcept {
  GcHeader* gc = GcHeader::of(op);
  if (!gc->is_tracked()) gc_list_append(gc, gcstate().gen_head(0));
}
/// Untracks `op` if it is tracked (PyObject_GC_UnTrack).
inline void gc_untrack(Object* op) noexcept {
  GcHeader* gc = GcHeader::of(op);
  if (gc->is_tracked()) gc_list_remove(gc);
}
/// gc.is_tracked(op). Inline, like the next one: every container insertion asks both.
inline bool gc_is_tracked(const Object* op) noexcept {
  return op->type().is_gc && GcHeader::of(op)->is_tracked();
}
/// _PyObject_GC_MAY_BE_TRACKED: could this object be part of a cycle?
inline bool gc_may_be_tracked(const Object* op) noexcept {
  return op->type().is_gc && (!op->type().is_tuple || GcHeader::of(op)->is_tracked());
}

/// Marks the collector busy for a scope (gcstate().collecting), so that nothing starts a second
/// collection inside it; cleared even if the collection throws.
class CollectingScope {
 public:
  CollectingScope() noexcept { gcstate().collecting = true; }
  ~CollectingScope() { gcstate().collecting = false; }
  CollectingScope(const CollectingScope&) = delete;
  CollectingScope& operator=(const CollectingScope&) = delete;
};

/// Pauses automatic collection for a scope and restores gc.isenabled() after it, however it ends:
/// for code that runs user code (repr()) while it holds raw pointers into the heap, which a
/// collection triggered by an allocation there could free.
class AutomaticCollectionPaused {
 public:
  AutomaticCollectionPaused() noexcept : was_(gcstate().enabled) { gcstate().enabled = false; }
  ~AutomaticCollectionPaused() { gcstate().enabled = was_; }
  AutomaticCollectionPaused(const AutomaticCollectionPaused&) = delete;
  AutomaticCollectionPaused& operator=(const AutomaticCollectionPaused&) = delete;

 private:
  bool was_;
};

/// Runs the collector on generations 0..generation with callbacks; returns found objects.
std::ptrdiff_t collect_with_callback(int generation);
/// The automatic schedule (gc_collect_generations): the oldest generation over its threshold.
void collect_generations();

/// Runs a type's hook on `op` -- finalize (`__del__`, PEP 442 tp_finalize) or legacy_del (tp_del)
/// -- and reports what it throws as CPython reports an exception in __del__ ("Exception ignored
/// in: <function Node.__del__ at 0x…>"); never lets it escape.
void call_type_hook(Object& op, void (*hook)(Object&), std::string_view method) noexcept;
inline void call_finalizer(Object& op) noexcept { call_type_hook(op, op.type().finalize, "__del__"); }
/// "Exception ignored in: <where>" and the exception, on sys::err().
void write_unraisable(std::string_view where, std::exception_ptr error) noexcept;

}  // namespace gclab::detail
