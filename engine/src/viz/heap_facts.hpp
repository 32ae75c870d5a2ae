// What a picture needs to know about the whole heap, read once per picture: every tracked
// object's generation, which objects are garbage that only a cycle keeps alive, and (when asked)
// who refers to whom, strongly or weakly through a weakref object.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gclab/object.hpp"

namespace gclab::viz::detail {

inline constexpr int kUntracked = -1;
inline constexpr int kPermanent = 3;  ///< gc.freeze()'s generation

/// One reference from an object: to `target`, held in the field `label` ("ref", "[2]", "'key'");
/// `weak` when the holder holds a weakref object whose referent is `target`.
struct Reference {
  const Object* target;
  std::string label;
  bool weak;
};

/// The references `op` holds, in traverse() order, labelled; atoms (ints, strs: objects without a
/// GC header) are left out -- they cannot take part in a cycle and would only crowd a picture.
/// With `fold_weak`, a weakref object held in a field becomes one weak Reference to its referent
/// (none when dead: `target` is null). Runs no user code and creates no object, so the collector
/// may call it in the middle of a phase.
std::vector<Reference> references_of(const Object& op, bool fold_weak = true);

class HeapFacts {
 public:
  /// Reads the collector's lists. Runs no user code and adds no reference.
  HeapFacts();

  /// 0..2, kPermanent, or kUntracked.
  int generation(const Object* op) const;
  /// In the garbage a full collection would find now: no reference from outside the heap's
  /// tracked objects reaches it (gc.collect() frees it, or moves it to gc.garbage).
  bool is_garbage(const Object* op) const { return garbage_.contains(op); }
  /// The tracked objects that hold a reference to `op` (once each), with the reference.
  struct Referrer {
    const Object* holder;
    std::string label;
    bool weak;
  };
  const std::vector<Referrer>& referrers(const Object* op) const;

 private:
  void find_garbage();

  std::vector<const Object*> tracked_;  ///< in the collector's list order
  std::unordered_map<const Object*, int> generation_;
  mutable std::optional<std::unordered_map<const Object*, std::vector<Referrer>>> referrers_;
  std::unordered_set<const Object*> garbage_;
};

}  // namespace gclab::viz::detail
