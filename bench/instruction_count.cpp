// The engine's workloads as instruction counts: bench/count runs this under valgrind's cachegrind,
// which counts the instructions a run executes -- the same on a quiet machine and a noisy one, so
// a change of a few percent is seen where a timed A/B on a shared VM cannot see it.
//
//   gclab_icount <workload> <n> [--setup-only]
//
// Every workload builds what it needs (its setup), then does the measured work n times and exits
// at once (stop(): teardown is not counted). --setup-only exits before the measured work.
// bench/count runs both for n and 2n; the difference of the differences, divided by n, is the
// measured work's instructions per operation, start-up and setup cancelled.
//
// The workloads are bench/gclab_bench.cpp's, with the same Node (two reference fields).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <gclab/gclab.hpp>

namespace {

struct Node : gclab::Object {
  gclab::Ref<Node> a, b;
  GCLAB_TRAVERSE(a, b)
};

long callbacks_fired = 0;
void on_death(const gclab::weakref::ref<Node>&) { ++callbacks_fired; }

/// Keeps the compiler from dropping the work whose result nobody reads.
template <class T>
void keep(const T& value) {
  asm volatile("" : : "r"(&value) : "memory");
}

using WeakValues = gclab::weakref::WeakValueDictionary<gclab::Str, Node>;

struct Keyed {
  std::vector<gclab::Ref<gclab::Str>> keys;
  std::vector<gclab::Ref<Node>> values;
  explicit Keyed(long n) {
    for (long i = 0; i < n; ++i) {
      keys.push_back(gclab::make<gclab::Str>("key_" + std::to_string(i)));
      values.push_back(gclab::make<Node>());
    }
  }
  void fill(WeakValues& d) const {
    for (std::size_t i = 0; i < keys.size(); ++i) d.set(keys[i], values[i]);
  }
};

/// A workload: its setup, then (unless setup_only) its measured part; it ends with stop().
using Workload = std::function<void(long n, bool setup_only)>;

/// Ends the run where it stands: the workload's objects are not torn down, so that neither run of
/// a pair counts a teardown.
[[noreturn]] void stop() { std::_Exit(0); }

const std::map<std::string, Workload>& workloads() {
  static const std::map<std::string, Workload> all{
      {"create_drop",
       [](long n, bool setup_only) {
         if (setup_only) stop();
         for (long i = 0; i < n; ++i) keep(gclab::make<Node>());
         stop();
       }},
      {"weakref_create_destroy",
       [](long n, bool setup_only) {
         const auto obj = gclab::make<Node>();
         if (setup_only) stop();
         for (long i = 0; i < n; ++i) keep(gclab::weakref::ref<Node>(obj));
         stop();
       }},
      {"weakref_callback_create_destroy",
       [](long n, bool setup_only) {
         const auto obj = gclab::make<Node>();
         if (setup_only) stop();
         for (long i = 0; i < n; ++i) keep(gclab::weakref::ref<Node>(obj, on_death));
         stop();
       }},
      {"callback_firing",
       [](long n, bool setup_only) {
         std::vector<gclab::Ref<gclab::Object>> items;
         std::vector<gclab::weakref::ref<Node>> refs;
         for (long i = 0; i < n; ++i) {
           auto node = gclab::make<Node>();
           refs.emplace_back(node, on_death);
           items.push_back(std::move(node));
         }
         auto list = gclab::make<gclab::List>(std::move(items));
         if (setup_only) stop();
         list.reset();
         if (callbacks_fired != n) std::abort();
         stop();
       }},
      {"collect_2_cycles",
       [](long n, bool setup_only) {
         for (long i = 0; i < n; ++i) {
           auto x = gclab::make<Node>();
           auto y = gclab::make<Node>();
           x->a = y;
           y->a = x;
         }
         if (setup_only) stop();
         if (gclab::gc::collect() != 2 * n) std::abort();
         stop();
       }},
      {"free_chain",
       [](long n, bool setup_only) {
         gclab::Ref<Node> head;
         for (long i = 0; i < n; ++i) {
           auto node = gclab::make<Node>();
           node->a = std::move(head);
           head = std::move(node);
         }
         if (setup_only) stop();
         head.reset();  // the cascade, through the trashcan
         stop();
       }},
      {"collect_live",
       [](long n, bool setup_only) {
         auto list = gclab::make<gclab::List>();
         for (long i = 0; i < n; ++i) list->append(gclab::make<Node>());
         if (setup_only) stop();
         if (gclab::gc::collect() != 0) std::abort();
         stop();
       }},
      {"wvd_insert",
       [](long n, bool setup_only) {
         const Keyed keyed(n);
         {
           WeakValues warm;  // hashes the keys once, as the timed benchmark's warm-up does
           keyed.fill(warm);
         }
         WeakValues d;
         if (setup_only) stop();
         keyed.fill(d);
         stop();
       }},
      {"wvd_lookup",
       [](long n, bool setup_only) {
         const Keyed keyed(n);
         WeakValues d;
         keyed.fill(d);
         if (setup_only) stop();
         for (const auto& key : keyed.keys) keep(d[key]);
         stop();
       }},
      {"wvd_remove",
       [](long n, bool setup_only) {
         Keyed keyed(n);
         WeakValues d;
         keyed.fill(d);
         if (setup_only) stop();
         keyed.values.clear();
         if (d.size() != 0) std::abort();
         stop();
       }},
  };
  return all;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--list") == 0) {
    for (const auto& [name, _] : workloads()) std::puts(name.c_str());
    return 0;
  }
  const auto found = argc >= 3 ? workloads().find(argv[1]) : workloads().end();
  if (found == workloads().end()) {
    std::fprintf(stderr, "usage: gclab_icount <workload> <n> [--setup-only] | --list\n");
    return 2;
  }
  const long n = std::atol(argv[2]);
  const bool setup_only = argc >= 4 && std::strcmp(argv[3], "--setup-only") == 0;
  gclab::gc::disable();  // as in the timed benchmarks: no automatic collection in the counts
  found->second(n, setup_only);
}
