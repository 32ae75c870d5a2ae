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

/// The object's reference count, plus one for the argument itself — as in CPython, because the
/// argument is passed by value. A fresh object held by one name gives 2.
std::ptrdiff_t getrefcount(Ref<Object> obj);

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
