// gclab::weakref: Python's weakref module. A weak reference lets you reach an object without
// keeping it alive: sys::getrefcount does not count it, and once the object dies the weak
// reference answers None (ref) or raises ReferenceError (proxy).
//
// Example (notebook 6.1):
//   auto obj = gclab::make<DataObject>(42);
//   gclab::weakref::ref<DataObject> r(obj);
//   r()->value;                  // 42
//   gclab::del(obj);
//   r() == nullptr;              // true: the referent is gone
//
// As in CPython, weak references are themselves objects (ReferenceType, ProxyType) and the
// handles below hold them strongly: list a ref/proxy field in traverse() like any Ref.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <string>
#include <type_traits>

#include "gclab/builtins/list.hpp"
#include "gclab/errors.hpp"
#include "gclab/ref.hpp"

namespace gclab::weakref {

class ReferenceType;

/// A weak reference's callback: called with the (dead) weakref once its referent is gone.
/// Callbacks are C++ functions, not engine objects: a Ref captured in one is a strong
/// reference the collector cannot see. Capture plain data or weak references.
using Callback = std::function<void(const Ref<ReferenceType>&)>;

/// How a weak reference keeps its callback (wr_callback): a function called with the weak
/// reference and one word of context. The word holds the user's callable itself when it is
/// trivially copyable and fits (a function, a lambda capturing a pointer or nothing), a boxed
/// Callback otherwise (detail::box_callback), or a weak container's state. Two words where a
/// std::function takes four, and no allocation for the common callables.
struct CallbackSlot {
  using Call = void (*)(const Ref<ReferenceType>& wr, std::uintptr_t context);
  Call call = nullptr;  // null: no callback
  std::uintptr_t context = 0;
  explicit operator bool() const noexcept { return call != nullptr; }
};

/// CPython's weakref.ReferenceType: the weak reference object.
class ReferenceType : public Object {
 public:
  static constexpr std::string_view kTypeName = "weakref.ReferenceType";
  static constexpr gclab::detail::TypeFlags kTypeFlags{.weakrefable = false, .is_weakref = true};

  explicit ReferenceType(Object& referent);
  ReferenceType(Object& referent, CallbackSlot callback);
  ~ReferenceType() override;

  /// The referent (borrowed), or null once it has died -- or has no references left and waits
  /// to be freed (set aside by the trashcan), as PyWeakref_GET_OBJECT reads a count of 0.
  Object* referent() const noexcept { return live(object_); }
  /// `object` as referent() would answer for it: null if it is null or its count is 0.
  static Object* live(Object* object) noexcept { return object && object->refcount() > 0 ? object : nullptr; }
  /// A new strong reference to the referent, or an empty Ref once it has died.
  Ref<Object> lock() const { return Ref<Object>::borrow(referent()); }
  bool has_callback() const noexcept { return static_cast<bool>(callback_); }

  /// `<weakref at 0x…; to 'Node' at 0x…>`, or `<weakref at 0x…; dead>`.
  std::string repr() const override;
  /// The referent's hash, remembered once computed; TypeError "weak object has gone away" for a
  /// dead ref that was never hashed.
  std::size_t hash() const override;
  /// Live refs are equal when their referents are; a dead ref equals only itself.
  bool equals(const Object& other) const override;

 protected:
  /// What a subclass is: a proxy, or a weak container's ref (KeyedRef and the like), never shared,
  /// whose clearing its container hears of.
  enum class Kind : unsigned char { Ref, Proxy, Container };
  ReferenceType(Object& referent, CallbackSlot callback, Kind kind);
  /// The callback's context word, which stays when the callback has been taken (a weak
  /// container's reference keeps its container's state there).
  std::uintptr_t callback_context() const noexcept { return callback_.context; }
  /// wr_object as it is: null once cleared, even while the referent waits to be freed.
  Object* wr_object() const noexcept { return object_; }

 private:
  friend struct Weaklist;
  Object* object_;  // wr_object: not counted
  CallbackSlot callback_;
  ReferenceType* prev_ = nullptr;  // links in the referent's list of weak references
  ReferenceType* next_ = nullptr;
  mutable std::size_t hash_ = 0;  // the referent's hash, once `hashed_`
  mutable bool hashed_ = false;
  Kind kind_;
};

/// CPython's weakref.ProxyType: a weak reference used as if it were the object.
class ProxyType final : public ReferenceType {
 public:
  static constexpr std::string_view kTypeName = "weakref.ProxyType";
  static constexpr gclab::detail::TypeFlags kTypeFlags{.weakrefable = false, .is_weakref = true};

  ProxyType(Object& referent, CallbackSlot callback) : ReferenceType(referent, callback, Kind::Proxy) {}
  /// The referent, or ReferenceError("weakly-referenced object no longer exists").
  Object& target() const;
  /// `<weakproxy at 0x… to Node at 0x…>` (NoneType once dead).
  std::string repr() const override;
  /// Forwards to the referent, as str() of a proxy does.
  std::string str() const override { return target().str(); }
  std::size_t hash() const override { throw TypeError("unhashable type: 'weakref.ProxyType'"); }
  bool equals(const Object& other) const override;
};

namespace detail {
/// weakref.ref(obj[, callback]) on any object: the shared basic ref when there is no callback,
/// a new one otherwise. TypeError "cannot create weak reference to 'int' object" if the
/// object's type does not support weak references.
Ref<ReferenceType> new_ref(Object* referent);
Ref<ReferenceType> new_ref(Object* referent, CallbackSlot callback);
Ref<ReferenceType> new_ref(Object* referent, Callback&& callback);
Ref<ProxyType> new_proxy(Object* referent, CallbackSlot callback);

/// `callback` boxed in the engine's heap (no callback for an empty one); the weak reference
/// frees the box.
CallbackSlot box_callback(Callback&& callback);

/// A callable that can be empty: a function pointer or a std::function (not a lambda).
template <class F>
concept nullable_callable = std::is_pointer_v<F> || requires(const F& f) {
  typename F::result_type;
  { static_cast<bool>(f) };
};

/// A callable a CallbackSlot's word can hold.
template <class F>
constexpr bool fits_in_word = sizeof(F) <= sizeof(std::uintptr_t) &&
                              alignof(F) <= alignof(std::uintptr_t) && std::is_trivially_copyable_v<F>;

/// A typed handle's callback: `callback` called with `Handle::from_weakref(wr)`, held in the
/// slot's word when it fits, boxed otherwise.
template <class Handle, class F>
CallbackSlot make_callback(F callback) {
  if constexpr (nullable_callable<F>) {
    if (!callback) return {};
  }
  if constexpr (fits_in_word<F>) {
    std::uintptr_t word = 0;
    std::memcpy(&word, &callback, sizeof(F));
    return {[](const Ref<ReferenceType>& wr, std::uintptr_t context) {
              alignas(F) unsigned char bytes[sizeof(F)];
              std::memcpy(bytes, &context, sizeof(F));
              (*std::launder(reinterpret_cast<F*>(bytes)))(Handle::from_weakref(wr));
            },
            word};
  } else {
    return box_callback([cb = std::move(callback)](const Ref<ReferenceType>& wr) mutable {
      cb(Handle::from_weakref(wr));
    });
  }
}

template <class T>
constexpr bool statically_weakrefable() {
  if constexpr (requires { T::kTypeFlags; }) return T::kTypeFlags.weakrefable;
  return true;
}
}  // namespace detail

/// weakref.ref to a T: call it to get the referent back (or an empty Ref once it died).
///
/// Example:
///   weakref::ref<Node> parent(node, [](const weakref::ref<Node>& r) { print("{} died", r); });
template <class T>
class ref {
  static_assert(detail::statically_weakrefable<T>(),
                "this type does not support weak references (as in CPython: int, str, tuple, "
                "list, dict cannot be weakly referenced)");

 public:
  using TypedCallback = std::function<void(const ref<T>&)>;

  /// An empty handle (Python's None).
  ref() = default;
  /// weakref.ref(referent): shared with the object's other callback-less refs.
  explicit ref(const Ref<T>& referent) : wr_(detail::new_ref(referent.get())) {}
  /// weakref.ref(referent, callback): a new weak reference whose callback runs when the
  /// referent dies. The callback is any callable taking a `const ref<T>&`.
  template <class F>
    requires std::is_invocable_v<F&, const ref<T>&>
  ref(const Ref<T>& referent, F callback)
      : wr_(detail::new_ref(referent.get(), detail::make_callback<ref>(std::move(callback)))) {}
  /// Views an existing weak reference object as a typed handle.
  static ref from_object(Ref<ReferenceType> wr) {
    ref r;
    r.wr_ = std::move(wr);
    return r;
  }
  /// The handle a callback receives.
  static ref from_weakref(const Ref<ReferenceType>& wr) { return from_object(wr); }

  /// r(): the referent, or an empty Ref once it has died (or for an empty handle).
  Ref<T> operator()() const {
    return wr_ ? Ref<T>::borrow(static_cast<T*>(wr_->referent())) : Ref<T>();
  }
  /// The weak reference object itself (what getweakrefs() lists).
  const Ref<ReferenceType>& object() const noexcept { return wr_; }
  Ref<ReferenceType>& object() noexcept { return wr_; }
  explicit operator bool() const noexcept { return static_cast<bool>(wr_); }

  std::string repr() const { return wr_ ? wr_->repr() : "None"; }
  std::string str() const { return repr(); }
  std::size_t hash() const { return wr_->hash(); }
  friend bool operator==(const ref& a, const ref& b) {
    return a.wr_.get() == b.wr_.get() || (a.wr_ && b.wr_ && a.wr_->equals(*b.wr_));
  }

 private:
  Ref<ReferenceType> wr_;
};

/// weakref.proxy to a T: use it like the object (`p->value`); after the object died every use
/// throws ReferenceError("weakly-referenced object no longer exists").
template <class T>
class proxy {
  static_assert(detail::statically_weakrefable<T>(),
                "this type does not support weak references");

 public:
  using TypedCallback = std::function<void(const proxy<T>&)>;

  proxy() = default;
  explicit proxy(const Ref<T>& referent) : wr_(detail::new_proxy(referent.get(), {})) {}
  template <class F>
    requires std::is_invocable_v<F&, const proxy<T>&>
  proxy(const Ref<T>& referent, F callback)
      : wr_(detail::new_proxy(referent.get(), detail::make_callback<proxy>(std::move(callback)))) {}
  /// The handle a callback receives.
  static proxy from_weakref(const Ref<ReferenceType>& wr) {
    proxy p;
    p.wr_ = Ref<ProxyType>::borrow(static_cast<ProxyType*>(wr.get()));
    return p;
  }

  T* operator->() const { return &static_cast<T&>(target()); }
  T& operator*() const { return static_cast<T&>(target()); }
  const Ref<ProxyType>& object() const noexcept { return wr_; }
  Ref<ProxyType>& object() noexcept { return wr_; }

  std::string repr() const { return wr_ ? wr_->repr() : "None"; }
  /// str() of the referent, as an f-string of a live proxy prints.
  std::string str() const { return wr_ ? wr_->str() : "None"; }
  /// proxy == obj compares the referent.
  friend bool operator==(const proxy& p, const Ref<T>& obj) {
    const Object* target = p.wr_ ? p.wr_->referent() : nullptr;
    return target && obj && target->equals(*obj);
  }

 private:
  Object& target() const {
    if (!wr_) throw ReferenceError("weakly-referenced object no longer exists");
    return wr_->target();
  }
  Ref<ProxyType> wr_;
};

/// The number of weak references and proxies to `obj`.
std::ptrdiff_t getweakrefcount(const Ref<Object>& obj);
/// All weak reference and proxy objects to `obj`: the shared ref and proxy first, then those
/// with callbacks, newest first.
Ref<List> getweakrefs(const Ref<Object>& obj);

}  // namespace gclab::weakref

namespace gclab {
/// ref/proxy fields are strong handles to weak reference objects: traverse() lists them.
template <class T>
struct TraverseAs<weakref::ref<T>> {
  static Ref<weakref::ReferenceType>& slot(weakref::ref<T>& r) { return r.object(); }
};
template <class T>
struct TraverseAs<weakref::proxy<T>> {
  static Ref<weakref::ProxyType>& slot(weakref::proxy<T>& p) { return p.object(); }
};
}  // namespace gclab
