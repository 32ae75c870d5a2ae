// What gc::explain() listens to: the collector calls these at the end of its phases when
// gcstate().trace is set (one pointer test per phase otherwise). Nothing here runs user code or
// allocates engine objects, so a phase is never disturbed by being watched.
#pragma once

#include <string>
#include <unordered_map>

#include "gc/gc_header.hpp"
#include "gclab/explain.hpp"

namespace gclab::detail {

class Trace {
 public:
  /// `labels`: the examined objects' labels, taken before the collection.
  Trace(gc::Explanation& out, std::unordered_map<const Object*, std::string> labels)
      : out_(out), labels_(std::move(labels)) {}

  /// After subtract_refs (the collection's first deduce_unreachable only): every examined
  /// object, its count, its gc_refs and the references between them.
  void gc_refs_computed(GcHeader* examined);
  /// After move_unreachable.
  void found_unreachable(GcHeader* unreachable);
  /// handle_weakrefs cleared `wr`, a weak reference to `referent`; `callback` when its callback
  /// will be called.
  void weakref_cleared(const Object& wr, const Object& referent, bool callback);
  void callback_called(const Object& wr);
  void finalizer_called(const Object& op);
  /// handle_resurrected_objects: `resurrected` is what a finalizer or callback made reachable.
  void resurrected(GcHeader* resurrected);
  /// delete_garbage, before clearing `op` (or saving it under DEBUG_SAVEALL).
  void clearing(const Object& op, bool saved);
  void survived_clearing(const Object& op);
  /// handle_legacy_finalizers; `in_garbage` when it is appended to gc.garbage itself.
  void uncollectable(const Object& op, bool in_garbage);

 private:
  std::string label(const Object& op) const;
  gc::Explanation::Examined* examined(const Object& op);
  void step(std::string phase, std::string event);

  gc::Explanation& out_;
  std::unordered_map<const Object*, std::string> labels_;
  std::unordered_map<const Object*, std::size_t> index_;
  std::unordered_map<const Object*, std::string> weakref_targets_;
  bool gc_refs_seen_ = false;
};

}  // namespace gclab::detail
