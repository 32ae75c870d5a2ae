// The engine's out-of-line entry points used by the inline handles (Ref, make). Not for users.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <vector>

#include "gclab/object.hpp"

#ifndef GCLAB_CHECKED
#define GCLAB_CHECKED 0
#endif

namespace gclab {
class Int;
class Float;
class Str;
}  // namespace gclab

namespace gclab::detail {

inline constexpr bool kChecked = GCLAB_CHECKED;
/// sizeof(GcHeader): two words in front of every GC object, like PyGC_Head.
inline constexpr std::size_t kGcHeaderSize = 2 * sizeof(void*);

/// Flags a built-in type declares as `static constexpr TypeFlags kTypeFlags`; user classes get
/// the defaults, which are those of a Python class instance.
struct TypeFlags {
  bool is_gc = true;
  bool tracked_at_creation = true;
  bool weakrefable = true;
  bool is_tuple = false;
  bool is_dict = false;
  bool is_weakref = false;
};

/// "Node" from the C++ type: namespaces, enclosing functions and template arguments dropped.
std::string class_name(const std::type_info& type);

/// The TypeInfo::dealloc for a type of this block size.
auto deallocator(std::size_t block_size, bool is_gc) noexcept -> void (*)(Object*) noexcept;

template <class T>
TypeInfo make_type_info() {
  TypeInfo t{};
  TypeFlags flags{};
  if constexpr (requires { T::kTypeFlags; }) flags = T::kTypeFlags;
  if constexpr (requires { T::kTypeName; }) {
    t.name = std::string(T::kTypeName);
  } else {
    t.name = class_name(typeid(T));
    t.module = "__main__";
  }
  t.is_gc = flags.is_gc;
  t.block_size = sizeof(T) + (flags.is_gc ? kGcHeaderSize : 0);
  t.tracked_at_creation = flags.tracked_at_creation;
  t.weakrefable = flags.weakrefable;
  t.is_tuple = flags.is_tuple;
  t.is_dict = flags.is_dict;
  t.is_weakref = flags.is_weakref;
  if constexpr (requires(T& x) { x.finalize(); }) {
    t.finalize = [](Object& o) { static_cast<T&>(o).finalize(); };
  }
  if constexpr (requires(T& x) { x.legacy_del(); }) {
    t.legacy_del = [](Object& o) { static_cast<T&>(o).legacy_del(); };
  }
  t.has_death_hooks = t.finalize || t.legacy_del;
  t.dealloc = deallocator(t.block_size, t.is_gc);
  t.clear_and_destroy = [](Object& o, Visitor& clear) noexcept {
    T& obj = static_cast<T&>(o);
    // Qualified calls, so not virtual: `o` is exactly a T. A traverse() or destructor that T
    // keeps private is called virtually instead.
    if constexpr (requires { obj.T::traverse(clear); }) {
      obj.T::traverse(clear);
    } else {
      o.traverse(clear);
    }
    if constexpr (requires { obj.T::~T(); }) {
      obj.T::~T();
    } else {
      o.~Object();
    }
  };
  return t;
}

/// The TypeInfo of T once made: a plain pointer, so that its check is one load and a branch, and
/// the making (a static's guarded initialization) stays out of every make<T>()'s frame.
template <class T>
inline const TypeInfo* type_info_cache = nullptr;

template <class T>
[[gnu::cold, gnu::noinline]] const TypeInfo& create_type_info() {
  static const TypeInfo info = make_type_info<T>();
  type_info_cache<T> = &info;
  return info;
}

template <class T>
[[gnu::always_inline]] inline const TypeInfo& type_info_of() {
  if (const TypeInfo* info = type_info_cache<T>) [[likely]] return *info;
  return create_type_info<T>();
}

/// `o` as a T if its class is exactly T (the built-ins are final): a type comparison instead of
/// dynamic_cast's walk, for the hashing and comparing that dict lookups do. Until a T is made the
/// cache is null, which no object's type is: no T exists to find.
template <class T>
const T* exact_cast(const Object& o) {
  return &o.type() == type_info_cache<T> ? static_cast<const T*>(&o) : nullptr;
}

/// Records, in checked builds, the address of every Ref constructed inside an object that
/// make<T>() is constructing, so that verify() can tell whether traverse() visits them all.
class ConstructionScope {
 public:
  ConstructionScope(void* begin, std::size_t size);
  ~ConstructionScope();
  ConstructionScope(const ConstructionScope&) = delete;
  ConstructionScope& operator=(const ConstructionScope&) = delete;
  const std::vector<const void*>& slots() const { return slots_; }
  void record(const void* slot) { slots_.push_back(slot); }
  const char* begin() const { return begin_; }
  const char* end() const { return end_; }

 private:
  const char* begin_;
  const char* end_;
  ConstructionScope* outer_;
  std::vector<const void*> slots_;
};
void note_ref_slot(const void* slot);

struct Runtime {
  /// Memory for a new object (after its GC header, for GC types). For GC types this is where
  /// CPython 3.11 counts the allocation and may run an automatic collection (_PyObject_GC_Link).
  static void* allocate(const TypeInfo& type);
  /// The constructor threw: give the memory back and undo the allocation count.
  static void abandon(const TypeInfo& type, void* memory) noexcept;
  /// The constructor returned: set the type, track the object if its type says so.
  static void finish(Object& obj, const TypeInfo& type) noexcept;
  /// Checked builds, after finish(): TypeError (the object freed) unless traverse() visits every
  /// Ref slot recorded in `scope`.
  static void verify(Object& obj, const ConstructionScope& scope);
  /// The reference count reached zero: finalize, clear, destroy and free (with a trashcan), by the
  /// type's own dealloc.
  static void dealloc(Object* obj) noexcept;

  static void incref(Object* o) noexcept { ++o->refcnt_; }
  static void decref(Object* o) noexcept {
    if (--o->refcnt_ == 0) dealloc(o);
  }
  static std::ptrdiff_t& refcnt(Object* o) noexcept { return o->refcnt_; }
  static void set_type(Object& o, const TypeInfo& t) noexcept { o.type_ = &t; }
};

/// New references to boxed scalars; small ints and identifier-like literals are shared.
Object* box_int(long long value);
Object* box_float(double value);
Object* box_str(std::string_view value, bool literal);

template <class V, class T>
concept BoxableAs =
    (std::is_integral_v<V> && !std::is_same_v<V, bool> && !std::is_same_v<V, char> &&
     (std::is_same_v<T, Object> || std::is_same_v<T, Int>)) ||
    (std::is_floating_point_v<V> && (std::is_same_v<T, Object> || std::is_same_v<T, Float>)) ||
    (std::is_convertible_v<const V&, std::string_view> &&
     (std::is_same_v<T, Object> || std::is_same_v<T, Str>));

template <class V>
Object* box(const V& v) {
  if constexpr (std::is_integral_v<V>) {
    return box_int(static_cast<long long>(v));
  } else if constexpr (std::is_floating_point_v<V>) {
    return box_float(static_cast<double>(v));
  } else {
    // A string literal is a code constant, which CPython interns when it looks like a name.
    return box_str(std::string_view(v), std::is_array_v<V>);
  }
}

}  // namespace gclab::detail
