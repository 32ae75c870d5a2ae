// gclab::Ref<T>: the strong, intrusive handle, and gclab::make<T>(): the only way to create an
// object. Copying a Ref is Python's assignment (incref); destroying or resetting it is the end of a
// name (decref); moving it hands the reference over. Passing a Ref by value is passing an argument:
// the callee holds one more reference for the duration of the call, exactly as in CPython.
//
// Example (notebook 2.1):
//   gclab::Ref<gclab::List> a = gclab::list({1, 2, 3});
//   gclab::sys::getrefcount(a);   // 2: `a` and the argument
//   auto b = a;                   // 3
//   gclab::del(b);                // 2
#pragma once

#include <cstddef>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

#include "gclab/detail/runtime.hpp"
#include "gclab/errors.hpp"
#include "gclab/object.hpp"

namespace gclab {

template <class T>
class Ref {
 public:
  using element_type = T;

  Ref() noexcept { note(); }
  Ref(std::nullptr_t) noexcept { note(); }
  Ref(const Ref& other) noexcept : p_(other.p_) {
    note();
    if (p_) detail::Runtime::incref(p_);
  }
  Ref(Ref&& other) noexcept : p_(std::exchange(other.p_, nullptr)) { note(); }
  template <class U>
    requires std::is_convertible_v<U*, T*>
  Ref(const Ref<U>& other) noexcept : p_(other.get()) {
    note();
    if (p_) detail::Runtime::incref(p_);
  }
  template <class U>
    requires std::is_convertible_v<U*, T*>
  Ref(Ref<U>&& other) noexcept : p_(other.release()) {
    note();
  }
  /// Boxing: `Ref<Object> o = 100;`, `Ref<Str> s = "hello";` (literals that look like names
  /// are interned, as CPython interns such code constants).
  template <class V>
    requires detail::BoxableAs<std::remove_cvref_t<V>, T>
  Ref(const V& value) : p_(static_cast<T*>(detail::box(value))) {
    note();
  }
  ~Ref() {
    if (p_) detail::Runtime::decref(p_);
  }

  // Assignment installs the new referent before releasing the old one (CPython's Py_SETREF),
  // so a finalizer run by the release sees the field already updated.
  Ref& operator=(const Ref& other) noexcept {
    Ref(other).swap(*this);
    return *this;
  }
  Ref& operator=(Ref&& other) noexcept {
    Ref(std::move(other)).swap(*this);
    return *this;
  }
  Ref& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }

  /// Drops this reference (Python's `del name`).
  void reset() noexcept {
    if (T* old = std::exchange(p_, nullptr)) detail::Runtime::decref(old);
  }
  void swap(Ref& other) noexcept { std::swap(p_, other.p_); }

  T* get() const noexcept { return p_; }
  T* operator->() const {
    if constexpr (detail::kChecked) check_not_null();
    return p_;
  }
  T& operator*() const {
    if constexpr (detail::kChecked) check_not_null();
    return *p_;
  }
  explicit operator bool() const noexcept { return p_ != nullptr; }

  /// Python's `is`.
  template <class U>
  bool is(const Ref<U>& other) const noexcept {
    return static_cast<const void*>(static_cast<const Object*>(p_)) ==
           static_cast<const void*>(static_cast<const Object*>(other.get()));
  }

  /// Checked downcast, like an isinstance() test that raises: TypeError if the object is not a U.
  template <class U>
  Ref<U> as() const {
    if (!p_) return {};
    if (U* u = dynamic_cast<U*>(p_)) return Ref<U>::borrow(u);
    throw TypeError("expected " + detail::type_info_of<U>().name + ", got '" + p_->type().name +
                    "' object");
  }

  /// Hands the reference over to the caller (who must eventually decref).
  T* release() noexcept { return std::exchange(p_, nullptr); }
  /// Wraps a new reference without incrementing (the count is taken over).
  static Ref adopt(T* p) noexcept {
    Ref r;
    r.p_ = p;
    return r;
  }
  /// Wraps a borrowed pointer, adding a reference.
  static Ref borrow(T* p) noexcept {
    if (p) detail::Runtime::incref(p);
    return adopt(p);
  }

 private:
  void note() const noexcept {
    if constexpr (detail::kChecked) detail::note_ref_slot(this);
  }
  void check_not_null() const {
    if (!p_) throw TypeError("'NoneType' object: the Ref<" + detail::type_info_of<T>().name + "> is empty");
  }

  T* p_ = nullptr;
};

template <class T, class U>
bool operator==(const Ref<T>& a, const Ref<U>& b) noexcept {
  return a.is(b);
}
template <class T>
bool operator==(const Ref<T>& a, std::nullptr_t) noexcept {
  return !a;
}

/// Creates a T on the engine's heap; like calling a Python class, it counts as an allocation and
/// may trigger an automatic collection first.
template <class T, class... Args>
Ref<T> make(Args&&... args) {
  static_assert(std::is_base_of_v<Object, T>, "make<T>() makes gclab::Object subclasses");
  const TypeInfo& type = detail::type_info_of<T>();
  void* memory = detail::Runtime::allocate(type);
  T* obj = nullptr;
  if constexpr (detail::kChecked) {
    detail::ConstructionScope scope(memory, sizeof(T));
    try {
      obj = ::new (memory) T(std::forward<Args>(args)...);
    } catch (...) {
      detail::Runtime::abandon(type, memory);
      throw;
    }
    detail::Runtime::finish(*obj, type);
    detail::Runtime::verify(*obj, scope);
  } else {
    try {
      obj = ::new (memory) T(std::forward<Args>(args)...);
    } catch (...) {
      detail::Runtime::abandon(type, memory);
      throw;
    }
    detail::Runtime::finish(*obj, type);
  }
  return Ref<T>::adopt(obj);
}

/// A new strong reference to an object from inside its own methods (Python's `self`), e.g.
/// `ref = self(this);` in a constructor makes the notebook's self-cycle.
template <class T>
Ref<T> self(T* obj) noexcept {
  return Ref<T>::borrow(obj);
}

/// Python's `del name`: drops the reference the handle holds.
template <class T>
void del(Ref<T>& name) noexcept {
  name.reset();
}

/// Lists every strong reference in traverse(); see Visitor. The members' names travel along, so
/// pictures of the heap (gclab::viz) can label each reference with its field.
#define GCLAB_TRAVERSE(...)                                          \
  void traverse(::gclab::Visitor& gclab_visitor_) override {         \
    gclab_visitor_.visit_named(#__VA_ARGS__, __VA_ARGS__);            \
  }

}  // namespace gclab
