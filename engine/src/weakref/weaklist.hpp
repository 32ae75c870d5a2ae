// An object's list of weak references (CPython's tp_weaklist and the helpers of
// Objects/weakrefobject.c), shared by weakref creation, refcount death and the collector.
//
// Order of the list: the shared callback-less ref first, then the shared callback-less proxy,
// then every other weak reference, newest first. Callbacks run in list order.
#pragma once

#include <utility>

#include "gclab/weakref.hpp"

namespace gclab::weakref {

/// TypeError "cannot create weak reference to 'int' object" (or 'NoneType', for no object).
[[noreturn, gnu::cold]] void refuse_weak_reference(const Object* referent);

/// The object, if its type supports weak references (inline: every weak reference is made here).
inline Object& require_weakrefable(Object* referent) {
  if (!referent || !referent->type().weakrefable) [[unlikely]] refuse_weak_reference(referent);
  return *referent;
}

/// Frees the box of a boxed callback (detail::box_callback); nothing for any other.
void release_callback(const CallbackSlot& callback) noexcept;

/// A callback taken out of its weak reference, and the box it may own.
class TakenCallback {
 public:
  explicit TakenCallback(CallbackSlot slot = {}) noexcept : slot_(slot) {}
  TakenCallback(TakenCallback&& other) noexcept : slot_(std::exchange(other.slot_, {})) {}
  TakenCallback& operator=(TakenCallback&&) = delete;
  ~TakenCallback() { release_callback(slot_); }
  explicit operator bool() const noexcept { return static_cast<bool>(slot_); }
  const CallbackSlot& slot() const noexcept { return slot_; }

 private:
  CallbackSlot slot_;
};

struct Weaklist {
  static ReferenceType* head(const Object& op) noexcept { return op.weaklist_; }
  static ReferenceType* next(const ReferenceType& wr) noexcept { return wr.next_; }

  /// The shared ref and proxy (no callback, exact type) at the head of the list, if any.
  static void get_basic_refs(ReferenceType* head, ReferenceType*& ref, ReferenceType*& proxy);
  /// Links a new weak reference into its referent's list at the place CPython puts it. Inline for
  /// the commonest case, a referent's only weak reference, which goes first whatever its kind.
  static void link(ReferenceType& wr) {
    if (!wr.object_->weaklist_) return link_first(wr);
    link_among_others(wr);
  }
  /// link() for a new shared basic ref (no callback, exact type), whose place is the head.
  static void link_first(ReferenceType& wr) noexcept;
  /// _PyWeakref_ClearRef: unlinks `wr` from its referent's list and forgets the referent; the
  /// callback stays (the collector still has to decide whether to call it). A weak container's
  /// ref tells its container first.
  static void clear_ref(ReferenceType& wr) noexcept;
  /// Unlinks a weak reference that is being freed (its container, if any, already knows).
  static void unlink(ReferenceType& wr) noexcept;
  /// PyObject_ClearWeakRefs, for an object dying by refcount: clears all its weak references,
  /// then calls their callbacks in list order.
  static void clear_weakrefs(Object& op) noexcept;
  /// Calls `callback` with `wr`, reporting an exception as CPython's handle_callback does.
  static void call_callback(ReferenceType& wr, const CallbackSlot& callback) noexcept;
  /// Calls the callback `wr` still holds (the collector's handle_weakrefs leaves it in place).
  static void call_own_callback(ReferenceType& wr) noexcept { call_callback(wr, wr.callback_); }
  /// A weak reference's callback is freed with it (ReferenceType's destructor).
  static void release_own_callback(ReferenceType& wr) noexcept { release_callback(wr.callback_); }

 private:
  static void link_among_others(ReferenceType& wr);
  /// wr's callback, moved out before the referent's weak references are cleared
  /// (PyObject_ClearWeakRefs takes each wr_callback the same way): `wr` is left without one,
  /// its context word kept.
  static TakenCallback take_callback(ReferenceType& wr) noexcept {
    const CallbackSlot taken = wr.callback_;
    wr.callback_.call = nullptr;
    return TakenCallback(taken);
  }
};

}  // namespace gclab::weakref
