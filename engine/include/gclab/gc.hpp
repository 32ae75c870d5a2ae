// gclab::gc: Python's `gc` module over the engine's generational cycle collector, with
// CPython 3.11's semantics: three generations with thresholds (700, 10, 10), automatic
// collection inside allocation, PEP 442 finalization, DEBUG_* output in CPython's format.
//
// Example (notebook 4.1):
//   gclab::gc::set_debug(gclab::gc::DEBUG_STATS | gclab::gc::DEBUG_COLLECTABLE);
//   gclab::print("Collected objects: {}", gclab::gc::collect());
#pragma once

#include <fmt/format.h>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "gclab/builtins/list.hpp"
#include "gclab/ref.hpp"

namespace gclab::gc {

inline constexpr int DEBUG_STATS = 1;          ///< print statistics during collection
inline constexpr int DEBUG_COLLECTABLE = 2;    ///< print collectable objects found
inline constexpr int DEBUG_UNCOLLECTABLE = 4;  ///< print unreachable but uncollectable objects
inline constexpr int DEBUG_SAVEALL = 32;       ///< save unreachable objects in gc.garbage
inline constexpr int DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

inline constexpr int kNumGenerations = 3;

/// A (gen0, gen1, gen2) triple as gc.get_count()/get_threshold() return it; prints "(700, 10, 10)".
struct Triple {
  std::ptrdiff_t gen0 = 0, gen1 = 0, gen2 = 0;
  bool operator==(const Triple&) const = default;
  std::string str() const;
};

/// One entry of gc.get_stats(); prints as CPython's dict.
struct GenerationStats {
  std::ptrdiff_t collections = 0;
  std::ptrdiff_t collected = 0;
  std::ptrdiff_t uncollectable = 0;
  bool operator==(const GenerationStats&) const = default;
  std::string str() const;
};

/// The `info` dict passed to gc.callbacks.
struct CallbackInfo {
  int generation;
  std::ptrdiff_t collected;
  std::ptrdiff_t uncollectable;
};
/// Called with phase "start" and then "stop" around every collection, automatic or not.
using Callback = std::function<void(std::string_view phase, const CallbackInfo& info)>;

void enable();
void disable();
bool isenabled();

/// Collects generations 0..generation; returns the number of unreachable objects found
/// (collected + uncollectable). ValueError("invalid generation") outside 0..2. Returns 0
/// without doing anything when called while a collection runs (e.g. from a finalizer).
std::ptrdiff_t collect(int generation = 2);

Triple get_count();
Triple get_threshold();
/// gc.set_threshold(threshold0[, threshold1[, threshold2]]).
void set_threshold(std::ptrdiff_t threshold0, std::optional<std::ptrdiff_t> threshold1 = {},
                   std::optional<std::ptrdiff_t> threshold2 = {});

int get_debug();
void set_debug(int flags);

/// gc.garbage: uncollectable objects, and everything unreachable under DEBUG_SAVEALL.
List& garbage();
/// gc.callbacks: a plain list; append and remove as in Python.
std::vector<Callback>& callbacks();
/// gc.get_stats(): per generation, collections run and objects collected / uncollectable.
std::vector<GenerationStats> get_stats();

/// Objects tracked by the collector: one generation, or all when `generation` is nullopt or -1.
Ref<List> get_objects(std::optional<int> generation = std::nullopt);
/// Tracked objects (in generations 0-2) that directly refer to any of `objs`.
Ref<List> get_referrers(std::initializer_list<Ref<Object>> objs);
/// What each object's traverse() visits (nothing, for atomic objects).
Ref<List> get_referents(std::initializer_list<Ref<Object>> objs);
/// gc.get_referrers(a, b, ...) and gc.get_referents(a, b, ...).
template <class... T>
  requires(sizeof...(T) > 0)
Ref<List> get_referrers(const Ref<T>&... objs) {
  return get_referrers({Ref<Object>(objs)...});
}
template <class... T>
  requires(sizeof...(T) > 0)
Ref<List> get_referents(const Ref<T>&... objs) {
  return get_referents({Ref<Object>(objs)...});
}

bool is_tracked(const Ref<Object>& obj);
/// True once the object's finalizer has run (through the collector or refcount death).
bool is_finalized(const Ref<Object>& obj);

/// Moves every tracked object to the permanent generation, which collections never examine.
void freeze();
/// Moves the permanent generation back into the oldest generation.
void unfreeze();
std::ptrdiff_t get_freeze_count();

}  // namespace gclab::gc

template <>
struct fmt::formatter<gclab::gc::Triple> : fmt::formatter<std::string> {
  auto format(const gclab::gc::Triple& t, fmt::format_context& ctx) const {
    return fmt::formatter<std::string>::format(t.str(), ctx);
  }
};
template <>
struct fmt::formatter<gclab::gc::GenerationStats> : fmt::formatter<std::string> {
  auto format(const gclab::gc::GenerationStats& s, fmt::format_context& ctx) const {
    return fmt::formatter<std::string>::format(s.str(), ctx);
  }
};
