// gclab::sys: the parts of Python's `sys` module that memory management needs.
//
// Example (notebook 2.1):
//   auto a = gclab::list({1, 2, 3});
//   gclab::print("Initial refcount: {}", gclab::sys::getrefcount(a));   // 2
#pragma once

#include <cstddef>
#include <iosfwd>

#include "gclab/ref.hpp"

namespace gclab::sys {

/// The object's reference count, including the reference that passing it as an argument makes,
/// as CPython's sys.getrefcount does: a fresh object held by one name gives 2.
///
/// Why by reference plus one, not by value: C++ destroys a by-value parameter at the end of the
/// caller's full expression, not when the call returns as Python does, so in
/// `print("{} {}", getrefcount(x), getrefcount(y))` one call would see the other's argument.
template <class T>
std::ptrdiff_t getrefcount(const Ref<T>& obj) {
  return obj ? obj->refcount() + 1 : 0;
}
/// A temporary (`getrefcount(make<T>())`, `getrefcount(100)`) is itself the argument's reference.
template <class T>
std::ptrdiff_t getrefcount(Ref<T>&& obj) {
  return obj ? obj->refcount() : 0;
}
inline std::ptrdiff_t getrefcount(Ref<Object>&& obj) { return obj ? obj->refcount() : 0; }

/// Bytes the object occupies: its struct, its GC header if it has one, and storage it owns.
std::size_t getsizeof(const Ref<Object>& obj);

/// Where gclab::print writes (std::cout by default). Returns the previous stream.
std::ostream& set_stdout(std::ostream& out);
/// Where the collector's debug output and "Exception ignored" reports go (std::cerr by
/// default). Returns the previous stream.
std::ostream& set_stderr(std::ostream& err);
std::ostream& out();
std::ostream& err();

}  // namespace gclab::sys
