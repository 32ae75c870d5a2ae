#include "gc/phases.hpp"

#include <cassert>
#include <cstdio>
#include <cstdlib>

#include "gc/clear_visitor.hpp"
#include "gc/gc_list.hpp"
#include "gc/state.hpp"
#include "gc/trace.hpp"
#include "gclab/builtins/dict.hpp"
#include "gclab/builtins/tuple.hpp"
#include "weakref/weaklist.hpp"

namespace gclab::detail {

namespace {

GcHeader* header_if_gc(Object* op) noexcept {
  return op->type().is_gc ? GcHeader::of(op) : nullptr;
}

/// Counts an object put in `unreachable` into what `seen` says of them.
void note_unreachable(GcHeader& gc, UnreachableSeen& seen) {
  Object* op = gc.object();
  const TypeInfo& type = op->type();
  ++seen.size;
  seen.legacy_finalizers |= type.legacy_del != nullptr;
  seen.weakly_referenced |= type.is_weakref || weakref::Weaklist::head(*op) != nullptr;
  seen.finalizers_pending |= type.finalize && !gc.is_finalized();
}

/// subtract_refs' visitor: one reference from inside the examined set.
class DecrefVisitor final : public Visitor {
  void inspect(Object* op) override {
    if (GcHeader* gc = header_if_gc(op); gc && gc->is_collecting()) gc->decrement_refs();
  }
};

/// update_and_subtract_refs' visitor: as DecrefVisitor, and the first time an examined referent
/// is met it starts its collection (gc_refs = its count, less this reference).
class CountingDecrefVisitor final : public Visitor {
  void inspect(Object* op) override {
    GcHeader* gc = header_if_gc(op);
    if (!gc) return;
    if (gc->is_collecting()) {
      gc->decrement_refs();
    } else if (gc->is_tracked() && !gc->is_frozen()) {
      gc->reset_refs(op->refcount() - 1);
    }
  }
};

/// move_unreachable's visitor: whatever a reachable object refers to is reachable too.
class ReachableVisitor final : public Visitor {
 public:
  ReachableVisitor(GcHeader* young, UnreachableSeen* seen) : young_(young), seen_(seen) {}

 private:
  void inspect(Object* op) override {
    GcHeader* gc = header_if_gc(op);
    // Objects in other generations, and those move_unreachable already scanned, have no
    // COLLECTING flag: nothing to do.
    if (!gc || !gc->is_collecting()) return;
    assert(gc->is_tracked());
    if (gc->is_marked_unreachable()) {
      // It had gc_refs == 0 when the scan reached it, but it is reachable after all: move it
      // back to the end of young, where the scan will meet it again.
      gc_list_move(gc, young_);
      gc->clear_unreachable_mark();
      gc->set_refs(1);
      --seen_->size;
    } else if (gc->refs() == 0) {
      // Still ahead of the scan in young: tell move_unreachable it is reachable.
      gc->set_refs(1);
    }
    // Otherwise gc_refs > 0: ahead of the scan and already known reachable.
  }
  GcHeader* young_;
  UnreachableSeen* seen_;
};

/// move_legacy_finalizer_reachable's visitor: pulls what a legacy finalizer reaches along.
class MoveVisitor final : public Visitor {
 public:
  explicit MoveVisitor(GcHeader* to) : to_(to) {}

 private:
  void inspect(Object* op) override {
    if (GcHeader* gc = header_if_gc(op); gc && gc->is_collecting()) {
      gc_list_move(gc, to_);
      gc->clear_collecting();
    }
  }
  GcHeader* to_;
};

}  // namespace

void validate_list(GcHeader* head, Expect collecting, Expect unreachable) {
  GcHeader* prev = head;
  GcHeader* gc = head->next();
  while (gc != head) {
    GcHeader* next = gc->next();
    const bool ok = gc->prev() == prev && gc->is_collecting() == (collecting == Expect::Set) &&
                    gc->is_marked_unreachable() == (unreachable == Expect::Set);
    if (!ok) {
      std::fputs("gclab: validate_list: a GC list is corrupt\n", stderr);
      std::abort();
    }
    prev = gc;
    gc = next;
  }
  if (head->prev() != prev) {
    std::fputs("gclab: validate_list: a GC list head is corrupt\n", stderr);
    std::abort();
  }
}

// What:  gc_refs = the reference count of every object in `containers`, COLLECTING set.
// Post:  every member has COLLECTING; its prev word holds gc_refs, so the list is walkable only
//        forwards until move_unreachable restores the prev links.
void update_refs(GcHeader* containers) {
  for (GcHeader* gc = containers->next(); gc != containers; gc = gc->next()) {
    gc->reset_refs(gc->object()->refcount());
    // A tracked object with count 0 would be freed already: the type's refcounting is broken.
    assert(gc->refs() != 0);
  }
}

// What:  subtracts, for every reference between two members, one from the referent's gc_refs.
// Post:  gc_refs >= 0 is the number of references from outside the set: stack Refs, globals,
//        objects in older generations. An object with gc_refs > 0 is certainly reachable.
void subtract_refs(GcHeader* containers) {
  DecrefVisitor decref;
  for (GcHeader* gc = containers->next(); gc != containers; gc = gc->next()) {
    gc->object()->traverse(decref);
  }
}

// What:  update_refs then subtract_refs, in one walk of `containers`, which holds every tracked
//        object outside the permanent generation (a full collection): an object met first as a
//        referent starts its collection there, one met first in the walk starts it then.
// Post:  as subtract_refs'.
// Why:   at 10^6 objects, each walk is a sweep of 64 MB through memory, and the collection of live
//        objects is bound by the sweeps (five with update_refs' own: a list and its items are
//        each swept in subtract_refs and in move_unreachable). The first reference to an object
//        (the list's, to each item) touches its header anyway.
void update_and_subtract_refs(GcHeader* containers) {
  CountingDecrefVisitor decref;
  for (GcHeader* gc = containers->next(); gc != containers; gc = gc->next()) {
    Object* op = gc->object();
    if (!gc->is_collecting()) gc->reset_refs(op->refcount());
    op->traverse(decref);
  }
}

// What:  splits `young` into what is reachable from outside (stays, in scan order) and the rest
//        (moved to `unreachable`), in one forward scan.
// Pre:   update_refs and subtract_refs ran on `young`.
// Post:  young holds exactly the objects transitively reachable from one with gc_refs > 0, with
//        valid prev links and COLLECTING cleared. unreachable holds the rest, COLLECTING and the
//        unreachable mark still set. `untrackable` lists young's tuples and dicts in young's
//        order; `seen` says how many objects unreachable holds and, of every object that went
//        there (some may have come back), whether any has a legacy finalizer, a pending
//        finalizer, or weak references.
// Why:   moving the unreachable objects (not the reachable ones) is cheaper because most objects
//        are reachable; an object moved too early is moved back by ReachableVisitor. The
//        tuples and dicts are noted on the way so that untrack_tuples and untrack_dicts need
//        not walk all of young once more each (at 10^6 objects, two walks of 64 MB), and what
//        `seen` holds so that move_legacy_finalizers need not walk the garbage when no legacy
//        finalizer is among it (at 10^6 garbage objects, a walk of 64 MB).
std::ptrdiff_t move_unreachable(GcHeader* young, GcHeader* unreachable,
                                std::vector<GcHeader*>* untrackable, UnreachableSeen* seen) {
  std::ptrdiff_t reachable_count = 0;
  GcHeader* prev = young;
  GcHeader* gc = young->next();
  *seen = {};
  ReachableVisitor reachable(young, seen);
  // Invariant: everything left of `gc` in young is reachable and scanned; everything already
  // moved to unreachable carries the mark.
  while (gc != young) {
    if (gc->refs() != 0) {
      // Traversal may append to young, so the next object is read only after it returns.
      Object* op = gc->object();
      op->traverse(reachable);
      if (untrackable && (op->type().is_tuple || op->type().is_dict)) untrackable->push_back(gc);
      gc->set_prev(prev);
      gc->clear_collecting();
      prev = gc;
      ++reachable_count;
    } else {
      // Tentatively unreachable. young is singly linked during the scan, so only prev's next
      // needs fixing.
      prev->set_next(gc->next());
      gc_list_append(gc, unreachable);
      gc->set_unreachable_mark();
      note_unreachable(*gc, *seen);
    }
    gc = prev->next();
  }
  young->set_prev(prev);
  return reachable_count;
}

// What:  update_refs and subtract_refs (or the two in one walk), then move_unreachable, over `base`.
// Post:  base holds the reachable objects (COLLECTING clear, no marks); unreachable holds the
//        rest (COLLECTING set, marked), as `seen` describes.
std::ptrdiff_t deduce_unreachable(GcHeader* base, Examined examined, GcHeader* unreachable,
                                  std::vector<GcHeader*>* untrackable, UnreachableSeen* seen) {
  GCLAB_VALIDATE_LIST(base, Expect::Clear, Expect::Clear);
  if (examined == Examined::AllTracked) {
    update_and_subtract_refs(base);
  } else {
    update_refs(base);
    subtract_refs(base);
  }
  if (Trace* trace = gcstate().trace) trace->gc_refs_computed(base);
  gc_list_init(unreachable);
  const std::ptrdiff_t reachable_count = move_unreachable(base, unreachable, untrackable, seen);
  GCLAB_VALIDATE_LIST(base, Expect::Clear, Expect::Clear);
  GCLAB_VALIDATE_LIST(unreachable, Expect::Set, Expect::Set);
  return reachable_count;
}

// What:  untracks every tuple of `untrackable` (young's tuples and dicts, in young's order)
//        whose items can never be part of a cycle.
// Why:   a tuple's items cannot change, so a tuple of atoms stays uninteresting forever; a tuple
//        holding a still-tracked tuple waits for a later collection (order matters, as in 3.11).
std::ptrdiff_t untrack_tuples(const std::vector<GcHeader*>& untrackable) {
  std::ptrdiff_t untracked = 0;
  for (GcHeader* gc : untrackable) {
    Object* op = gc->object();
    if (!op->type().is_tuple) continue;
    const auto& tuple = static_cast<const Tuple&>(*op);
    bool may_be_in_cycle = false;
    for (const auto& item : tuple) {
      if (!item || gc_may_be_tracked(item.get())) {
        may_be_in_cycle = true;
        break;
      }
    }
    if (!may_be_in_cycle) {
      gc_list_remove(gc);
      ++untracked;
    }
  }
  return untracked;
}

// What:  untracks every dict of `untrackable` that holds nothing possibly tracked.
// Pre:   untrack_tuples ran: a dict of tuples it untracked is untracked too.
// Why:   only full collections do it (CPython 3.11): a dict is re-tracked as soon as something
//        trackable is stored, so untracking it often would just be churn.
std::ptrdiff_t untrack_dicts(const std::vector<GcHeader*>& untrackable) {
  std::ptrdiff_t untracked = 0;
  for (GcHeader* gc : untrackable) {
    Object* op = gc->object();
    if (!op->type().is_dict) continue;
    static_cast<Dict&>(*op).maybe_untrack();
    if (!gc->is_tracked()) ++untracked;
  }
  return untracked;
}

// What:  moves unreachable objects whose type has a legacy finalizer (tp_del) to `finalizers`,
//        and describes the rest exactly.
// Post:  finalizers' members lost COLLECTING (and the mark); seen.legacy_finalizers is false.
UnreachableSeen move_legacy_finalizers(GcHeader* unreachable, GcHeader* finalizers) {
  UnreachableSeen seen;
  for (GcHeader* gc = unreachable->next(), *next = nullptr; gc != unreachable; gc = next) {
    assert(gc->is_marked_unreachable());
    next = gc->next();
    if (gc->object()->type().legacy_del) {
      gc->clear_collecting();
      gc_list_move(gc, finalizers);
      continue;
    }
    note_unreachable(*gc, seen);
  }
  return seen;
}

// What:  moves into `finalizers` everything in unreachable that a legacy finalizer reaches.
// Why:   tp_del may use any of it, so none of it can be torn down: all of it is uncollectable.
void move_legacy_finalizer_reachable(GcHeader* finalizers) {
  MoveVisitor move(finalizers);
  // The list grows while it is walked; the walk reaches the new members too.
  for (GcHeader* gc = finalizers->next(); gc != finalizers; gc = gc->next()) {
    gc->object()->traverse(move);
  }
}

// What:  clears every weak reference to an object in `unreachable` (and every weak reference that
//        is itself unreachable), then calls the callbacks of the cleared weak references that are
//        not garbage themselves.
// Pre:   unreachable is an ordinary list whose members have COLLECTING set.
// Post:  nothing in unreachable is weakly referenced. Returns how many callbacks ran and how many
//        weak references their own callback freed (they count as collected); the weak references
//        that survive their callback move to `old_generation`.
// Why:   all clearing happens before any callback runs, so no callback can resurrect garbage
//        through a weak reference. A weak reference that is itself garbage gets no callback: its
//        callback could see objects that delete_garbage has already cleared (CPython's
//        "Headache time" comment, bpo-38006).
WeakrefsHandled handle_weakrefs(GcHeader* unreachable, GcHeader* old_generation) {
  using weakref::ReferenceType;
  using weakref::Weaklist;
  Trace* trace = gcstate().trace;
  GcHeader wrcb_to_call;
  gc_list_init(&wrcb_to_call);
  for (GcHeader* gc = unreachable->next(); gc != unreachable; gc = gc->next()) {
    Object* op = gc->object();
    if (op->type().is_weakref) Weaklist::clear_ref(static_cast<ReferenceType&>(*op));
    while (ReferenceType* wr = Weaklist::head(*op)) {
      Weaklist::clear_ref(*wr);
      // Garbage itself: cleared, its callback never called.
      const bool call = wr->has_callback() && !GcHeader::of(wr)->is_collecting();
      if (trace) trace->weakref_cleared(*wr, *op, call);
      if (!call) continue;
      GcHeader* wr_gc = GcHeader::of(wr);
      // A reference of our own keeps wr alive until its callback has run.
      Runtime::incref(wr);
      gc_list_move(wr_gc, &wrcb_to_call);
    }
  }
  WeakrefsHandled handled;
  while (!gc_list_is_empty(&wrcb_to_call)) {
    GcHeader* gc = wrcb_to_call.next();
    auto& wr = static_cast<ReferenceType&>(*gc->object());
    if (trace) trace->callback_called(wr);
    // ---- user code runs here ----
    Weaklist::call_own_callback(wr);
    ++handled.callbacks;
    Runtime::decref(&wr);
    if (wrcb_to_call.next() == gc) {
      gc_list_move(gc, old_generation);  // still alive
    } else {
      ++handled.freed;  // its callback dropped the last other reference (a WeakValueDictionary entry)
    }
  }
  return handled;
}

// What:  calls finalize() once on each object of `collectable` that has one and has not run it.
// Post:  every member has FINALIZED if its type has a finalizer. Members may have been freed by
//        refcount, or resurrected: handle_resurrected_objects sorts that out.
// Why:   each object is moved to `seen` before its finalizer runs, because user code can free
//        any other member; the loop always takes the head of what is left.
std::ptrdiff_t finalize_garbage(GcHeader* collectable) {
  std::ptrdiff_t called = 0;
  GcHeader seen;
  gc_list_init(&seen);
  while (!gc_list_is_empty(collectable)) {
    GcHeader* gc = collectable->next();
    Object* op = gc->object();
    gc_list_move(gc, &seen);
    if (!gc->is_finalized() && op->type().finalize) {
      gc->set_finalized();
      Ref<Object> hold = Ref<Object>::borrow(op);
      if (Trace* trace = gcstate().trace) trace->finalizer_called(*op);
      // ---- user code runs here: the list may change under us (see Why) ----
      call_finalizer(*op);
      ++called;
    }
  }
  gc_list_merge(&seen, collectable);
  return called;
}

// What:  finds what the finalizers resurrected: everything in `unreachable` now referenced from
//        outside it, and all it reaches, moves to the old generation; the rest, still garbage,
//        goes to `still_unreachable`.
// Post:  still_unreachable members keep COLLECTING (they are about to be cleared).
// Why the shortcut: only user code (a weakref callback or a finalizer) can make garbage
//        reachable again. When none ran since deduce_unreachable, a second one would find the
//        same set, so the set moves over as it is (CPython 3.11 always re-runs it; same result,
//        five passes fewer).
void handle_resurrected_objects(GcHeader* unreachable, GcHeader* still_unreachable,
                                GcHeader* old_generation, bool user_code_ran) {
  if (!user_code_ran) {
    gc_list_init(still_unreachable);
    gc_list_merge(unreachable, still_unreachable);
    return;
  }
  gc_list_clear_collecting(unreachable);
  UnreachableSeen seen;  // unused: after user code the caller counts what is left by a walk
  deduce_unreachable(unreachable, Examined::Listed, still_unreachable, nullptr, &seen);
  if (Trace* trace = gcstate().trace) trace->resurrected(unreachable);
  gc_list_merge(unreachable, old_generation);
}

// What:  breaks every cycle in `collectable` by clearing each object's references (traverse
//        with a clearing visitor) -- or, under DEBUG_SAVEALL, appends it to gc.garbage instead.
// Post:  `collectable` is empty. Cleared objects are freed by the refcount cascade; an object
//        that survives its own clearing (still referenced) moves to the old generation.
void delete_garbage(GcHeader* collectable, GcHeader* old_generation) {
  GcState& st = gcstate();
  while (!gc_list_is_empty(collectable)) {
    GcHeader* gc = collectable->next();
    Object* op = gc->object();
    assert(op->refcount() > 0);
    if (st.trace) st.trace->clearing(*op, st.debug & gc::DEBUG_SAVEALL);
    if (st.debug & gc::DEBUG_SAVEALL) {
      st.garbage_list().append(Ref<Object>::borrow(op));
    } else {
      Ref<Object> hold = Ref<Object>::borrow(op);
      // ---- user code may run here: clearing frees objects and runs their finalizers ----
      op->traverse(clear_visitor);
    }
    if (collectable->next() == gc) {
      // Still alive after clearing (or saved): it may die later.
      if (st.trace) st.trace->survived_clearing(*op);
      gc->clear_collecting();
      gc_list_move(gc, old_generation);
    }
  }
}

// What:  puts the uncollectable objects with a legacy finalizer (all of `finalizers` under
//        DEBUG_SAVEALL) into gc.garbage, and moves `finalizers` to the old generation.
void handle_legacy_finalizers(GcHeader* finalizers, GcHeader* old_generation) {
  GcState& st = gcstate();
  for (GcHeader* gc = finalizers->next(); gc != finalizers; gc = gc->next()) {
    Object* op = gc->object();
    const bool to_garbage = (st.debug & gc::DEBUG_SAVEALL) || op->type().legacy_del;
    if (st.trace) st.trace->uncollectable(*op, to_garbage);
    if (to_garbage) st.garbage_list().append(Ref<Object>::borrow(op));
  }
  gc_list_merge(finalizers, old_generation);
}

}  // namespace gclab::detail
