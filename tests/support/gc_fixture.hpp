// Test support: a fixture that gives every test case a clean collector, the object classes the
// ported CPython tests use, and Catch2 printers for the engine's value types.
//
// The engine's collector state is process-global, as CPython's is. CTest runs every TEST_CASE in a
// process of its own, but the whole program can also run in one process (`build/dev/tests/
// gclab_tests`), so each case starts from, and leaves behind, the same state:
//   - enabled, thresholds and debug flags as they were (CPython's defaults unless a case leaks),
//   - no callbacks, an empty gc.garbage, nothing frozen,
//   - a full collection at the start, so the counts are (0, 0, 0) and every generation but the
//     oldest is empty,
//   - sys.stdout and sys.stderr captured in ostringstreams (out() / err()).
#pragma once

#include <catch2/catch.hpp>

#include <functional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "gclab/gclab.hpp"

namespace gclab::test {

/// What the finalizers of the test classes record, in call order ("a", "tp_del:a", ...).
inline std::vector<std::string>& events() {
  static std::vector<std::string> list;
  return list;
}

/// Where resurrecting finalizers store `self` (a global list in the CPython tests). A C++-side
/// vector holds external references, exactly what a module global is to the collector.
inline std::vector<Ref<Object>>& survivors() {
  static std::vector<Ref<Object>> list;
  return list;
}

/// survivors.clear(), as Python's list.clear(): the list is emptied before any item is released,
/// so a finalizer run by the release can append to it again.
inline void clear_survivors() {
  std::vector<Ref<Object>> dropped;
  dropped.swap(survivors());
  while (!dropped.empty()) dropped.pop_back();
}

/// An instance with two reference slots and no finalizer (a plain Python class instance).
struct Plain : Object {
  Ref<Object> ref;
  Ref<Object> other;
  GCLAB_TRAVERSE(ref, other)
};

/// An instance with a PEP 442 finalizer (`__del__`): records its name in events(), then runs
/// `on_del` if one is set (to resurrect, throw, collect, break links, ...).
struct Node : Object {
  std::string name;
  Ref<Object> ref;
  Ref<Object> other;
  std::function<void(Node&)> on_del;

  explicit Node(std::string n = "") : name(std::move(n)) {}
  GCLAB_TRAVERSE(ref, other)
  void finalize() {
    events().push_back(name);
    if (on_del) on_del(*this);
  }
};

/// A class with a legacy finalizer (C-level tp_del): its cyclic garbage is uncollectable.
struct Legacy : Object {
  std::string name;
  Ref<Object> ref;
  Ref<Object> other;

  explicit Legacy(std::string n = "") : name(std::move(n)) {}
  GCLAB_TRAVERSE(ref, other)
  std::string repr() const override { return "<Legacy " + name + ">"; }
  void legacy_del() { events().push_back("tp_del:" + name); }
};

/// Runs a self-cycle of `T` through its own `ref` slot and drops the name: cyclic garbage.
template <class T, class... Args>
void make_self_cycle(Args&&... args) {
  auto obj = make<T>(std::forward<Args>(args)...);
  obj->ref = obj;
}

/// True if `list` holds `obj` (identity, Python's `any(x is obj for x in list)`).
inline bool holds(const List& list, const Ref<Object>& obj) {
  for (const auto& item : list) {
    if (item.get() == obj.get()) return true;
  }
  return false;
}
inline bool holds(const Ref<List>& list, const Ref<Object>& obj) { return holds(*list, obj); }

/// Which generation (0-2) tracks `obj`, or -1 if none does (untracked, or frozen).
inline int generation_of(const Ref<Object>& obj) {
  for (int g = 0; g < gc::kNumGenerations; ++g) {
    if (holds(gc::get_objects(g), obj)) return g;
  }
  return -1;
}

/// Sizes of generations 0, 1 and 2 as lists.
inline gc::Triple generation_sizes() {
  return {gc::get_objects(0)->size(), gc::get_objects(1)->size(), gc::get_objects(2)->size()};
}

class GcFixture {
 public:
  GcFixture()
      : saved_threshold_(gc::get_threshold()),
        saved_enabled_(gc::isenabled()),
        saved_debug_(gc::get_debug()) {
    previous_out_ = &sys::set_stdout(out_);
    previous_err_ = &sys::set_stderr(err_);
    reset_world();
  }

  ~GcFixture() {
    gc::set_threshold(saved_threshold_.gen0, saved_threshold_.gen1, saved_threshold_.gen2);
    saved_enabled_ ? gc::enable() : gc::disable();
    reset_world();
    gc::set_debug(saved_debug_);
    sys::set_stdout(*previous_out_);
    sys::set_stderr(*previous_err_);
  }

  GcFixture(const GcFixture&) = delete;
  GcFixture& operator=(const GcFixture&) = delete;

  /// What the engine wrote to sys.stdout / sys.stderr so far.
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  /// Sends sys.stdout to the stderr capture as well, to check how the two interleave.
  void merge_stdout_into_stderr() { sys::set_stdout(err_); }

 private:
  static void reset_world() {
    gc::set_debug(0);
    gc::callbacks().clear();
    clear_survivors();
    gc::unfreeze();
    gc::garbage().clear();
    gc::collect();
    // Legacy garbage a case left behind is found again by that collection and goes back to
    // gc.garbage: empty it once more (cases break their own legacy cycles; see Legacy).
    gc::garbage().clear();
    events().clear();
  }

  std::ostringstream out_;
  std::ostringstream err_;
  std::ostream* previous_out_ = nullptr;
  std::ostream* previous_err_ = nullptr;
  gc::Triple saved_threshold_;
  bool saved_enabled_;
  int saved_debug_;
};

}  // namespace gclab::test

namespace Catch {
template <>
struct StringMaker<gclab::gc::Triple> {
  static std::string convert(const gclab::gc::Triple& t) { return t.str(); }
};
template <>
struct StringMaker<gclab::gc::GenerationStats> {
  static std::string convert(const gclab::gc::GenerationStats& s) { return s.str(); }
};
}  // namespace Catch
