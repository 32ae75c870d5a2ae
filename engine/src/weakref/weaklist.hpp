// An object's list of weak references (CPython's tp_weaklist and the helpers of
// Objects/weakrefobject.c), shared by weakref creation, refcount death and the collector.
//
// Order of the list: the shared callback-less ref first, then the shared callback-less proxy,
// then every other weak reference, newest first. Callbacks run in list order.
#pragma once

#include <memory>

#include "gclab/weakref.hpp"

namespace gclab::weakref {

/// TypeError "cannot create weak reference to 'int' object" (or 'NoneType', for no object).
[[noreturn, gnu::cold]] void refuse_weak_reference(const Object* referent);

/// The object, if its type supports weak references (inline: every weak reference is made here).
inline Object& require_weakrefable(Object* referent) {
  if (!referent || !referent->type().weakrefable) [[unlikely]] refuse_weak_reference(referent);
  return *referent;
}

/// Frees a user's callback boxed in the engine's heap.
struct CallbackBoxDeleter {
  void operator()(Callback* callback) const noexcept;
};
using CallbackBox = std::unique_ptr<Callback, CallbackBoxDeleter>;
/// `callback` moved into a box in the engine's heap (null for an empty one).
Callback* box_callback(Callback&& callback);

struct Weaklist {
  using NativeCallback = ReferenceType::NativeCallback;

  static ReferenceType* head(const Object& op) noexcept { return op.weaklist_; }
  static ReferenceType* next(const ReferenceType& wr) noexcept { return wr.next_; }

  /// The shared ref and proxy (no callback, exact type) at the head of the list, if any.
  static void get_basic_refs(ReferenceType* head, ReferenceType*& ref, ReferenceType*& proxy);
  /// Links a new weak reference into its referent's list at the place CPython puts it.
  static void link(ReferenceType& wr);
  /// link() for a new shared basic ref (no callback, exact type), whose place is the head.
  static void link_first(ReferenceType& wr) noexcept;
  /// _PyWeakref_ClearRef: unlinks `wr` from its referent's list and forgets the referent; the
  /// callback stays (the collector still has to decide whether to call it).
  static void clear_ref(ReferenceType& wr) noexcept;
  /// PyObject_ClearWeakRefs, for an object dying by refcount: clears all its weak references,
  /// then calls their callbacks in list order.
  static void clear_weakrefs(Object& op) noexcept;
  /// Calls a callback of `wr` (the native one if set) with `wr`, reporting an exception as
  /// CPython's handle_callback does.
  static void call_callback(ReferenceType& wr, NativeCallback native, const Callback* user) noexcept;
  /// Calls the callback `wr` still holds (the collector's handle_weakrefs leaves it in place).
  static void call_own_callback(ReferenceType& wr) noexcept {
    if (wr.native_) return call_callback(wr, wr.callback_.native, nullptr);
    call_callback(wr, nullptr, wr.callback_.user);
  }

 private:
  /// A callback moved out of its weak reference before the referent's weak references are
  /// cleared (PyObject_ClearWeakRefs takes each wr_callback the same way).
  struct TakenCallback {
    CallbackBox user;
    NativeCallback native;
    explicit operator bool() const noexcept { return native || user; }
  };
  static TakenCallback take_callback(ReferenceType& wr) noexcept;
  /// wr's native callback, taken (null if it has none): `wr` is left without a callback.
  static NativeCallback take_native_callback(ReferenceType& wr) noexcept;
  /// wr's user callback, taken (null if it has none or a native one, which stays).
  static CallbackBox take_user_callback(ReferenceType& wr) noexcept;
};

}  // namespace gclab::weakref
