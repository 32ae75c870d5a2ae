#include "gc/trace.hpp"

#include <fmt/format.h>

#include "gc/gc_list.hpp"
#include "viz/heap_facts.hpp"

namespace gclab::detail {

using Fate = gc::Explanation::Fate;

std::string Trace::label(const Object& op) const {
  const auto it = labels_.find(&op);
  // An object made during the collection (by a finalizer) has no label taken beforehand.
  return it != labels_.end() ? it->second : fmt::format("{} at {}", op.type().name, fmt::ptr(&op));
}

gc::Explanation::Examined* Trace::examined(const Object& op) {
  const auto it = index_.find(&op);
  return it == index_.end() ? nullptr : &out_.objects[it->second];
}

void Trace::step(std::string phase, std::string event) {
  out_.steps.push_back({std::move(phase), std::move(event)});
}

void Trace::gc_refs_computed(GcHeader* examined_list) {
  // A finalizer's resurrection makes the collector deduce again, on the garbage only; the story
  // keeps the first, complete picture.
  if (gc_refs_seen_) return;
  gc_refs_seen_ = true;
  for (GcHeader* gc = examined_list->next(); gc != examined_list; gc = gc->next()) {
    const Object& op = *gc->object();
    index_.emplace(&op, out_.objects.size());
    out_.objects.push_back({label(op), op.refcount(), gc->refs()});
  }
  for (GcHeader* gc = examined_list->next(); gc != examined_list; gc = gc->next()) {
    const std::size_t from = index_.at(gc->object());
    for (const auto& ref : viz::detail::references_of(*gc->object(), /*fold_weak=*/false)) {
      if (const auto to = index_.find(ref.target); to != index_.end()) {
        out_.references.push_back({from, to->second, ref.label});
      }
    }
  }
  step("subtract_refs", fmt::format("{} object{} examined; gc_refs counts the references from outside them",
                                    out_.objects.size(), out_.objects.size() == 1 ? "" : "s"));
}

void Trace::found_unreachable(GcHeader* unreachable) {
  std::size_t found = 0;
  for (GcHeader* gc = unreachable->next(); gc != unreachable; gc = gc->next()) {
    if (auto* e = examined(*gc->object())) {
      e->unreachable = true;
      e->fate = Fate::freed;  // until a later phase says otherwise
      ++found;
    }
  }
  step("move_unreachable",
       found == 0 ? std::string("nothing is unreachable: every object is reachable from one with gc_refs > 0")
                  : fmt::format("{} object{} unreachable", found, found == 1 ? " is" : "s are"));
}

void Trace::weakref_cleared(const Object& wr, const Object& referent, bool callback) {
  weakref_targets_[&wr] = label(referent);
  step("handle_weakrefs", fmt::format("cleared a weak reference to {}{}", label(referent),
                                      callback ? "; its callback will be called" : ""));
}

void Trace::callback_called(const Object& wr) {
  const auto it = weakref_targets_.find(&wr);
  step("handle_weakrefs", fmt::format("called the callback of the weak reference to {}",
                                      it != weakref_targets_.end() ? it->second : label(wr)));
}

void Trace::finalizer_called(const Object& op) {
  step("finalize_garbage", fmt::format("called {}'s finalizer (__del__)", label(op)));
}

void Trace::resurrected(GcHeader* list) {
  for (GcHeader* gc = list->next(); gc != list; gc = gc->next()) {
    if (auto* e = examined(*gc->object())) e->fate = Fate::resurrected;
    step("handle_resurrected_objects",
         fmt::format("{} is reachable again (resurrected): it survives", label(*gc->object())));
  }
}

void Trace::clearing(const Object& op, bool saved) {
  if (saved) {
    if (auto* e = examined(op)) e->fate = Fate::saved;
    step("delete_garbage", fmt::format("saved {} in gc.garbage (DEBUG_SAVEALL)", label(op)));
  } else {
    step("delete_garbage", fmt::format("cleared {}'s references; what they held is freed", label(op)));
  }
}

void Trace::survived_clearing(const Object& op) {
  if (auto* e = examined(op); e && e->fate == Fate::freed) e->fate = Fate::survived;
}

void Trace::uncollectable(const Object& op, bool in_garbage) {
  if (auto* e = examined(op)) e->fate = Fate::uncollectable;
  step("handle_legacy_finalizers",
       label(op) + (in_garbage ? " is uncollectable (a legacy finalizer): kept in gc.garbage"
                               : " is uncollectable: an object in gc.garbage reaches it"));
}

}  // namespace gclab::detail
