// The engine half of the benchmark suite: the workloads of bench/python/workloads.py, one for
// one, on gclab. bench/run runs both and prints the ratio table; run this binary alone with the
// usual Google Benchmark flags (--benchmark_filter=..., --benchmark_repetitions=5,
// --benchmark_format=json). bench/run runs each workload in a fresh process with repetitions and
// takes the best: a workload inherits the arena's free lists from the ones before it.
//
// Conventions shared with the Python side:
//   * Node is a small tracked object with two reference fields that start empty. Its layout is
//     that of `class Node: __slots__ = ('a', 'b')` (one block: GC header, object header, two
//     fields); bench/run compares it with that class and with a plain class whose __init__ sets
//     self.a and self.b (see bench/python/workloads.py).
//   * Where Python keeps objects in a list, the engine keeps them in a gclab::List, so the
//     collector sees the same graph (one container referring to every object).
//   * Workloads that need a setup (building a graph) time only the measured part, with manual
//     timing; every such benchmark reports the counter `objects` (objects per iteration), and
//     bench/run divides the time of one iteration by it.
//   * Automatic collection is off while graphs are built, except in the AutoGc workloads whose
//     subject it is; explicit gc::collect() works either way, as gc.collect() does.
//   * Each workload (but the chain) runs once untimed first, so the arena's free lists already
//     hold the blocks it needs (steady state: no page faults, no new chunks).
//   * The weak-reference workloads (section 9) have std::weak_ptr / std::shared_ptr twins doing
//     the same job (BM_Std...), measured in the same process; bench/run prints them in a second
//     table.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <gclab/gclab.hpp>

namespace {

struct Node : gclab::Object {
  gclab::Ref<Node> a, b;
  GCLAB_TRAVERSE(a, b)
};

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Sets automatic collection on or off for a scope, restoring the previous setting.
class AutoCollection {
 public:
  explicit AutoCollection(bool on) : was_on_(gclab::gc::isenabled()) { set(on); }
  ~AutoCollection() { set(was_on_); }
  AutoCollection(const AutoCollection&) = delete;
  AutoCollection& operator=(const AutoCollection&) = delete;

 private:
  static void set(bool on) { on ? gclab::gc::enable() : gclab::gc::disable(); }
  bool was_on_;
};

/// Counts collections through gc.callbacks, as the Python side does.
class CollectionCounter {
 public:
  CollectionCounter() {
    gclab::gc::callbacks().push_back(
        [this](std::string_view phase, const gclab::gc::CallbackInfo&) {
          if (phase == "start") ++count_;
        });
  }
  ~CollectionCounter() { gclab::gc::callbacks().pop_back(); }
  CollectionCounter(const CollectionCounter&) = delete;
  CollectionCounter& operator=(const CollectionCounter&) = delete;
  std::int64_t count() const { return count_; }

 private:
  std::int64_t count_ = 0;
};

void set_objects(benchmark::State& state, std::int64_t objects) {
  state.counters["objects"] = static_cast<double>(objects);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * objects);
}

/// `[Node() for _ in range(n)]`, into a list whose storage is reserved up front.
///
/// Why reserved: CPython grows a list with realloc, which glibc serves for large blocks with
/// mremap -- the pages move, nothing is copied. A std::vector (gclab::List's storage) cannot grow
/// in place: each doubling allocates a new block and copies. When glibc handed the freed blocks
/// back to the kernel, every run faulted its ~16 MB of buffers in again (~4000 page faults, ~65 ns
/// per object on the VM this was tuned on); the engine's heap now keeps them (large_blocks.cpp),
/// and BM_AllocKeptGrowing measures that unreserved variant beside this one.
gclab::Ref<gclab::List> make_kept(std::int64_t n, bool reserve = true) {
  std::vector<gclab::Ref<gclab::Object>> items;
  if (reserve) items.reserve(static_cast<std::size_t>(n));
  auto list = gclab::make<gclab::List>(std::move(items));
  for (std::int64_t i = 0; i < n; ++i) list->append(gclab::make<Node>());
  return list;
}

// --- 1. create 10^6 objects, keep them in a list, free them ------------------------------------

double kept_then_freed_seconds(std::int64_t n, bool reserve) {
  const auto start = Clock::now();
  auto list = make_kept(n, reserve);
  list.reset();  // `del l`: frees the list and its n objects
  return seconds_since(start);
}

template <bool reserve>  // a template, so that each variant has its own cold run
void alloc_kept(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  // The first run is the cold one: every block is carved from new chunks, whose pages fault in.
  // Reported as a counter (meaningful when this is the first benchmark the process runs); the
  // timed runs are warm: their blocks come from the free lists.
  static const double cold_seconds = kept_then_freed_seconds(n, reserve);
  for (auto _ : state) state.SetIterationTime(kept_then_freed_seconds(n, reserve));
  set_objects(state, n);
  state.counters["cold_ns_per_object"] = cold_seconds * 1e9 / static_cast<double>(n);
}
void BM_AllocKept(benchmark::State& state) { alloc_kept<true>(state); }
void BM_AllocKeptGrowing(benchmark::State& state) { alloc_kept<false>(state); }
BENCHMARK(BM_AllocKept)->Arg(1'000'000)->Iterations(3)->UseManualTime();
BENCHMARK(BM_AllocKeptGrowing)->Arg(1'000'000)->Iterations(3)->UseManualTime();

// --- 2. create and drop at once -------------------------------------------------------------

void BM_AllocDrop(benchmark::State& state) {
  gclab::make<Node>().reset();  // warm: the block is on its free list from now on
  for (auto _ : state) benchmark::DoNotOptimize(gclab::make<Node>());  // made, then dropped
  set_objects(state, 1);
}
BENCHMARK(BM_AllocDrop)->MinTime(0.2);

// --- 3. one incref + decref -----------------------------------------------------------------

// Copying the Ref increfs; the copy's destructor at the end of the iteration decrefs. The copy's
// address escapes to an opaque asm with a memory clobber in between, so the compiler must store
// the incremented count before it and reload the count for the decrement after it: both really
// happen, as plain (non-atomic) read-modify-writes of the same counter, like CPython's
// Py_INCREF/Py_DECREF on the same object in `x = o; del x`.
void BM_IncrefDecref(benchmark::State& state) {
  const auto obj = gclab::make<Node>();
  for (auto _ : state) {
    gclab::Ref<Node> copy = obj;
    benchmark::DoNotOptimize(copy);
  }
  if (obj->refcount() != 1) state.SkipWithError("reference count changed");
  set_objects(state, 1);
}
BENCHMARK(BM_IncrefDecref)->MinTime(0.2);

/// Registers `fn` once per size, each with its own iteration count (Google Benchmark's
/// Iterations() applies to a whole family): enough iterations that small sizes are not noise.
struct SizedRun {
  std::int64_t objects;
  benchmark::IterationCount iterations;
};
bool register_sizes(const char* name, void (*fn)(benchmark::State&),
                    std::initializer_list<SizedRun> runs) {
  for (const SizedRun& run : runs) {
    benchmark::RegisterBenchmark(name, fn)
        ->Arg(run.objects)
        ->Iterations(run.iterations)
        ->UseManualTime();
  }
  return true;
}

// --- 4. collect() of unreachable 2-cycles (freeing included) -----------------------------------

/// n/2 pairs `x.a = y; y.a = x`, dropped at once: n objects of cyclic garbage.
void make_two_cycles(std::int64_t n) {
  for (std::int64_t i = 0; i < n / 2; ++i) {
    auto x = gclab::make<Node>();
    auto y = gclab::make<Node>();
    x->a = y;
    y->a = x;
  }
}

void BM_CollectCycles(benchmark::State& state) {
  const std::int64_t n = state.range(0);  // objects, in n/2 cycles
  AutoCollection off(false);
  make_two_cycles(n);
  gclab::gc::collect();  // warm
  for (auto _ : state) {
    make_two_cycles(n);
    const auto start = Clock::now();
    const std::ptrdiff_t found = gclab::gc::collect();
    state.SetIterationTime(seconds_since(start));
    if (found != n) state.SkipWithError("collect() did not find every cycle");
  }
  set_objects(state, n);
}
const bool collect_cycles_registered =
    register_sizes("BM_CollectCycles", BM_CollectCycles,
                   {{10'000, 100}, {100'000, 10}, {1'000'000, 1}, {2'000'000, 1}});

// --- 5. collect() with live objects and no garbage ---------------------------------------------

void BM_CollectLive(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  const auto kept = make_kept(n);
  gclab::gc::collect();  // warm; from now on everything is in the oldest generation
  for (auto _ : state) {
    const auto start = Clock::now();
    const std::ptrdiff_t found = gclab::gc::collect();
    state.SetIterationTime(seconds_since(start));
    if (found != 0) state.SkipWithError("collect() found garbage among live objects");
  }
  set_objects(state, n);
}
const bool collect_live_registered =
    register_sizes("BM_CollectLive", BM_CollectLive,
                   {{10'000, 200}, {100'000, 20}, {1'000'000, 5}});

// --- 7. freeing a long chain ----------------------------------------------------------------

/// head -> ... -> first, n nodes linked through `a`, built as Python's
/// `for _ in range(n): node = Node(); node.a = head; head = node`.
gclab::Ref<Node> make_chain(std::int64_t n) {
  gclab::Ref<Node> head;
  for (std::int64_t i = 0; i < n; ++i) {
    auto node = gclab::make<Node>();
    node->a = std::move(head);
    head = std::move(node);
  }
  return head;
}

void BM_FreeChain(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  for (auto _ : state) {
    auto head = make_chain(n);
    const auto start = Clock::now();
    head.reset();  // `del head`: the trashcan keeps the cascade's recursion bounded
    state.SetIterationTime(seconds_since(start));
  }
  set_objects(state, n);
}
BENCHMARK(BM_FreeChain)->Arg(10'000'000)->Iterations(1)->UseManualTime();

// --- 8. keeping objects alive with automatic collection on and off -----------------------------

// Times building the list (where automatic collections happen); freeing it is the same work
// either way and is left out. Every run starts with a full collection, which zeroes the
// generation counts, so the number of automatic collections is deterministic.
void BM_AutoGc(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  const bool on = state.range(1) != 0;
  std::int64_t collections = 0;
  make_kept(n).reset();  // warm
  for (auto _ : state) {
    gclab::gc::collect();
    gclab::Ref<gclab::List> kept;
    {
      AutoCollection mode(on);
      CollectionCounter counter;
      const auto start = Clock::now();
      kept = make_kept(n);
      state.SetIterationTime(seconds_since(start));
      collections = counter.count();
    }
    AutoCollection off(false);
    kept.reset();
  }
  set_objects(state, n);
  state.counters["collections"] = static_cast<double>(collections);
}
BENCHMARK(BM_AutoGc)
    ->ArgNames({"n", "on"})
    ->Args({1'000'000, 0})
    ->Args({1'000'000, 1})
    ->Iterations(2)->UseManualTime();

// --- 9. weak references ------------------------------------------------------------------------

/// Node's std::shared_ptr twin, for the std::weak_ptr comparisons.
struct StdNode {
  std::shared_ptr<StdNode> a, b;
};

std::int64_t callbacks_fired = 0;
void on_death(const gclab::weakref::ref<Node>&) { ++callbacks_fired; }

// `r = ref(o); del r`: with no other weak reference to o, each ref is a new object (the shared
// callback-less ref dies with the last handle).
void BM_WeakrefCreateDestroy(benchmark::State& state) {
  const auto obj = gclab::make<Node>();
  { const gclab::weakref::ref<Node> warm(obj); }
  for (auto _ : state) {
    gclab::weakref::ref<Node> r(obj);
    benchmark::DoNotOptimize(r);
  }
  set_objects(state, 1);
}
BENCHMARK(BM_WeakrefCreateDestroy)->MinTime(0.2);

// `r = ref(o, cb); del r`.
void BM_WeakrefCallbackCreateDestroy(benchmark::State& state) {
  const auto obj = gclab::make<Node>();
  { const gclab::weakref::ref<Node> warm(obj, on_death); }
  for (auto _ : state) {
    gclab::weakref::ref<Node> r(obj, on_death);
    benchmark::DoNotOptimize(r);
  }
  set_objects(state, 1);
}
BENCHMARK(BM_WeakrefCallbackCreateDestroy)->MinTime(0.2);

// A std::weak_ptr made from a shared_ptr and dropped.
void BM_StdWeakPtrCreateDestroy(benchmark::State& state) {
  const auto obj = std::make_shared<StdNode>();
  for (auto _ : state) {
    std::weak_ptr<StdNode> w(obj);
    benchmark::DoNotOptimize(w);
  }
  set_objects(state, 1);
}
BENCHMARK(BM_StdWeakPtrCreateDestroy)->MinTime(0.2);

// `r()` while the referent lives: a new strong reference, dropped at once.
void BM_WeakrefDeref(benchmark::State& state) {
  const auto obj = gclab::make<Node>();
  const gclab::weakref::ref<Node> r(obj);
  for (auto _ : state) {
    gclab::Ref<Node> strong = r();
    benchmark::DoNotOptimize(strong);
  }
  set_objects(state, 1);
}
BENCHMARK(BM_WeakrefDeref)->MinTime(0.2);

void BM_StdWeakPtrLock(benchmark::State& state) {
  const auto obj = std::make_shared<StdNode>();
  const std::weak_ptr<StdNode> w(obj);
  for (auto _ : state) {
    std::shared_ptr<StdNode> strong = w.lock();
    benchmark::DoNotOptimize(strong);
  }
  set_objects(state, 1);
}
BENCHMARK(BM_StdWeakPtrLock)->MinTime(0.2);

/// n objects in a list, each with a callback weakref (kept); drops the list and times the n
/// deaths: each clears its weakref and calls its callback (the frees included).
double callback_firing_seconds(std::int64_t n) {
  std::vector<gclab::Ref<gclab::Object>> items;
  items.reserve(static_cast<std::size_t>(n));
  std::vector<gclab::weakref::ref<Node>> refs;
  refs.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) {
    auto node = gclab::make<Node>();
    refs.emplace_back(node, on_death);
    items.push_back(std::move(node));
  }
  auto list = gclab::make<gclab::List>(std::move(items));
  callbacks_fired = 0;
  const auto start = Clock::now();
  list.reset();  // `del items`
  return seconds_since(start);
}

void BM_CallbackFiring(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  callback_firing_seconds(n);  // warm
  for (auto _ : state) {
    state.SetIterationTime(callback_firing_seconds(n));
    if (callbacks_fired != n) state.SkipWithError("not every callback ran");
  }
  set_objects(state, n);
}
BENCHMARK(BM_CallbackFiring)->Arg(100'000)->Iterations(5)->UseManualTime();

/// The same with shared_ptr: a custom deleter plays the callback, a weak_ptr the weakref.
double std_callback_firing_seconds(std::int64_t n, std::int64_t& died) {
  std::vector<std::shared_ptr<StdNode>> items;
  items.reserve(static_cast<std::size_t>(n));
  std::vector<std::weak_ptr<StdNode>> refs;
  refs.reserve(static_cast<std::size_t>(n));
  died = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    std::shared_ptr<StdNode> node(new StdNode, [&died](StdNode* p) {
      ++died;
      delete p;
    });
    refs.emplace_back(node);
    items.push_back(std::move(node));
  }
  const auto start = Clock::now();
  items.clear();
  return seconds_since(start);
}

void BM_StdCallbackFiring(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  std::int64_t died = 0;
  std_callback_firing_seconds(n, died);  // warm
  for (auto _ : state) {
    state.SetIterationTime(std_callback_firing_seconds(n, died));
    if (died != n) state.SkipWithError("not every deleter ran");
  }
  set_objects(state, n);
}
BENCHMARK(BM_StdCallbackFiring)->Arg(100'000)->Iterations(5)->UseManualTime();

// --- 10. WeakValueDictionary -------------------------------------------------------------------

using WeakValues = gclab::weakref::WeakValueDictionary<gclab::Str, Node>;

/// `[make(i) for i in range(n)]`
template <class Make>
auto make_n(std::int64_t n, Make make) {
  std::vector<decltype(make(std::int64_t{}))> out;
  out.reserve(static_cast<std::size_t>(n));
  for (std::int64_t i = 0; i < n; ++i) out.push_back(make(i));
  return out;
}

std::string key_name(std::int64_t i) { return "key_" + std::to_string(i); }

/// `["key_%d" % i for i in range(n)]`
std::vector<gclab::Ref<gclab::Str>> make_keys(std::int64_t n) {
  return make_n(n, [](std::int64_t i) { return gclab::make<gclab::Str>(key_name(i)); });
}

std::vector<gclab::Ref<Node>> make_values(std::int64_t n) {
  return make_n(n, [](std::int64_t) { return gclab::make<Node>(); });
}

/// `d[keys[i]] = values[i]` for every i.
void fill(WeakValues& d, const std::vector<gclab::Ref<gclab::Str>>& keys,
          const std::vector<gclab::Ref<Node>>& values) {
  for (std::size_t i = 0; i < keys.size(); ++i) d.set(keys[i], values[i]);
}

// d[k] = v for n new keys into an empty dictionary (a KeyedRef each).
void BM_WvdInsert(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  const auto keys = make_keys(n);
  const auto values = make_values(n);
  {
    WeakValues warm;
    fill(warm, keys, values);
  }
  for (auto _ : state) {
    WeakValues d;
    const auto start = Clock::now();
    fill(d, keys, values);
    state.SetIterationTime(seconds_since(start));
  }
  set_objects(state, n);
}
BENCHMARK(BM_WvdInsert)->Arg(100'000)->Iterations(5)->UseManualTime();

// d[k] for n present keys.
void BM_WvdLookup(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  const auto keys = make_keys(n);
  const auto values = make_values(n);
  WeakValues d;
  fill(d, keys, values);
  for (const auto& key : keys) benchmark::DoNotOptimize(d[key]);  // warm
  for (auto _ : state) {
    const auto start = Clock::now();
    for (const auto& key : keys) benchmark::DoNotOptimize(d[key]);
    state.SetIterationTime(seconds_since(start));
  }
  set_objects(state, n);
}
BENCHMARK(BM_WvdLookup)->Arg(100'000)->Iterations(5)->UseManualTime();

/// n values die by refcount; each removes its entry through its KeyedRef's callback.
double wvd_auto_remove_seconds(const std::vector<gclab::Ref<gclab::Str>>& keys, bool& emptied) {
  auto values = make_values(static_cast<std::int64_t>(keys.size()));
  WeakValues d;
  fill(d, keys, values);
  const auto start = Clock::now();
  values.clear();  // `del values`
  const double seconds = seconds_since(start);
  emptied = d.size() == 0;
  return seconds;
}

void BM_WvdAutoRemove(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  AutoCollection off(false);
  const auto keys = make_keys(n);
  bool emptied = false;
  wvd_auto_remove_seconds(keys, emptied);  // warm
  for (auto _ : state) {
    state.SetIterationTime(wvd_auto_remove_seconds(keys, emptied));
    if (!emptied) state.SkipWithError("entries left behind");
  }
  set_objects(state, n);
}
BENCHMARK(BM_WvdAutoRemove)->Arg(100'000)->Iterations(5)->UseManualTime();

// --- the WeakValueDictionary's std twin ------------------------------------------------------
// What a C++ programmer would write: a map from std::string to std::weak_ptr, whose values'
// deleters erase their own entries (the automatic removal).

using StdWeakValues = std::unordered_map<std::string, std::weak_ptr<StdNode>>;

std::vector<std::string> std_keys(std::int64_t n) { return make_n(n, key_name); }

std::vector<std::shared_ptr<StdNode>> std_values(std::int64_t n) {
  return make_n(n, [](std::int64_t) { return std::make_shared<StdNode>(); });
}

void BM_StdWvdInsert(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  const auto keys = std_keys(n);
  const auto values = std_values(n);
  for (auto _ : state) {
    StdWeakValues d;
    const auto start = Clock::now();
    for (std::size_t i = 0; i < keys.size(); ++i) d.insert_or_assign(keys[i], values[i]);
    state.SetIterationTime(seconds_since(start));
  }
  set_objects(state, n);
}
BENCHMARK(BM_StdWvdInsert)->Arg(100'000)->Iterations(5)->UseManualTime();

void BM_StdWvdLookup(benchmark::State& state) {
  const std::int64_t n = state.range(0);
  const auto keys = std_keys(n);
  const auto values = std_values(n);
  StdWeakValues d;
  for (std::size_t i = 0; i < keys.size(); ++i) d.insert_or_assign(keys[i], values[i]);
  auto lookup_all = [&] {
    for (const auto& key : keys) {
      std::shared_ptr<StdNode> value = d.find(key)->second.lock();
      benchmark::DoNotOptimize(value);
    }
  };
  lookup_all();  // warm
  for (auto _ : state) {
    const auto start = Clock::now();
    lookup_all();
    state.SetIterationTime(seconds_since(start));
  }
  set_objects(state, n);
}
BENCHMARK(BM_StdWvdLookup)->Arg(100'000)->Iterations(5)->UseManualTime();

double std_wvd_auto_remove_seconds(const std::vector<std::string>& keys, bool& emptied) {
  StdWeakValues d;
  std::vector<std::shared_ptr<StdNode>> values;
  values.reserve(keys.size());
  for (const auto& key : keys) {
    std::shared_ptr<StdNode> value(new StdNode, [&d, &key](StdNode* p) {
      d.erase(key);
      delete p;
    });
    d.insert_or_assign(key, value);
    values.push_back(std::move(value));
  }
  const auto start = Clock::now();
  values.clear();
  const double seconds = seconds_since(start);
  emptied = d.empty();
  return seconds;
}

void BM_StdWvdAutoRemove(benchmark::State& state) {
  const auto keys = std_keys(state.range(0));
  bool emptied = false;
  std_wvd_auto_remove_seconds(keys, emptied);  // warm
  for (auto _ : state) {
    state.SetIterationTime(std_wvd_auto_remove_seconds(keys, emptied));
    if (!emptied) state.SkipWithError("entries left behind");
  }
  set_objects(state, state.range(0));
}
BENCHMARK(BM_StdWvdAutoRemove)->Arg(100'000)->Iterations(5)->UseManualTime();

}  // namespace

BENCHMARK_MAIN();
