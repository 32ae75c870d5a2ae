// gclab::Object: the base of every object the engine manages, user classes included.
//
// Like PyObject, an Object carries its reference count and its type; objects of GC-capable
// types (containers and every user class) also have a GC header in front of them, invisible here.
//
// Example (the notebook's Node):
//   struct Node : gclab::Object {
//     std::string name;
//     gclab::Ref<Node> ref;
//     explicit Node(std::string n) : name(std::move(n)) {}
//     void traverse(gclab::Visitor& v) override { v.visit(ref); }
//     std::string repr() const override { return "Node(" + name + ")"; }
//     void finalize() { gclab::print("  [__del__] {} is being destroyed", name); }  // optional
//   };
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "gclab/visitor.hpp"

namespace gclab {

class Object;

/// What the engine knows about a concrete class: CPython's PyTypeObject, reduced to what the
/// memory manager needs. One per class, built by make<T>() the first time it makes a T.
struct TypeInfo {
  std::string name;         ///< tp_name: "Node", "list"
  std::string module;       ///< "__main__" for user classes, empty for built-ins (shown by repr)
  std::size_t block_size;   ///< the memory block: sizeof the C++ object plus the GC header, if any
  bool is_gc;               ///< has a GC header: counted in gen-0 allocations, seen by the collector
  bool tracked_at_creation; ///< dicts start untracked (CPython's lazy dict tracking)
  bool weakrefable;
  void (*finalize)(Object&);    ///< __del__ (PEP 442 tp_finalize), or null
  void (*legacy_del)(Object&);  ///< tp_del: makes cyclic garbage uncollectable, or null
  bool has_death_hooks;         ///< finalize or legacy_del: a refcount death runs user code
  bool is_tuple;                ///< examined by untrack_tuples
  bool is_dict;                 ///< examined by untrack_dicts
  bool is_weakref;              ///< a weakref.ReferenceType (or subclass): cleared by handle_weakrefs
  /// The middle of a plain refcount death (CPython's tp_dealloc, made for each type): clears the
  /// references with the clearing visitor given, then destroys, both as direct calls of the
  /// exact type -- no virtual call, and a small traverse() inlines.
  void (*clear_and_destroy)(Object&, Visitor& clear) noexcept;
  /// CPython's tp_dealloc: the refcount death, made for the type's size class (Runtime::dealloc
  /// calls it).
  void (*dealloc)(Object*) noexcept;
};

namespace detail {
struct Runtime;
}
namespace weakref {
class ReferenceType;
struct Weaklist;
}

class Object {
 public:
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  virtual ~Object() = default;

  /// Lists the object's strong references; see Visitor. Every Ref field must be visited.
  virtual void traverse(Visitor&) {}
  /// Python's repr(); the default is `<__main__.Node object at 0x…>`.
  virtual std::string repr() const;
  /// Python's str(); defaults to repr().
  virtual std::string str() const { return repr(); }
  /// Python's hash() and ==: identity unless a type defines value semantics.
  virtual std::size_t hash() const;
  virtual bool equals(const Object& other) const { return this == &other; }
  /// Bytes the object owns beyond its own struct (list items, string data), for sys::getsizeof.
  virtual std::size_t storage_size() const { return 0; }

  const TypeInfo& type() const noexcept { return *type_; }
  /// The true reference count (sys::getrefcount adds one for its own argument).
  std::ptrdiff_t refcount() const noexcept { return refcnt_; }

  /// Objects live only on the engine's heap: use gclab::make<T>().
  static void* operator new(std::size_t) = delete;
  static void* operator new[](std::size_t) = delete;

 protected:
  Object() = default;

 private:
  template <class> friend class Ref;
  friend struct detail::Runtime;
  friend struct weakref::Weaklist;

  std::ptrdiff_t refcnt_ = 1;
  const TypeInfo* type_ = nullptr;
  weakref::ReferenceType* weaklist_ = nullptr;  ///< tp_weaklist: this object's weak references
};

}  // namespace gclab
