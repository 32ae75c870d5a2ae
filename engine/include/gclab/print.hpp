// Python's print() and f-string formatting for engine objects, on top of fmt.
//
// Example:
//   gclab::print("Collected objects: {}", gclab::gc::collect());
//   gclab::print("{}", node);        // str(node)
//   gclab::print("{!r}", name)       // not supported: use gclab::repr(name)
#pragma once

#include <fmt/format.h>

#include <string>

#include "gclab/ref.hpp"
#include "gclab/sys.hpp"

namespace gclab {

/// Python's repr() and str() of any handle; "None" for an empty one.
template <class T>
std::string repr(const Ref<T>& obj) {
  return obj ? obj->repr() : "None";
}
template <class T>
std::string str(const Ref<T>& obj) {
  return obj ? obj->str() : "None";
}

/// Python's repr() of a bool: "True" / "False" (fmt alone would print "true").
inline std::string repr(bool value) { return value ? "True" : "False"; }

namespace detail {
void write_stdout(std::string_view text);
}

/// Python's print(): formats with fmt and writes one line to sys::out().
template <class... Args>
void print(fmt::format_string<Args...> format, Args&&... args) {
  detail::write_stdout(fmt::format(format, std::forward<Args>(args)...));
}
inline void print() { detail::write_stdout(""); }

}  // namespace gclab

/// `{}` of a Ref prints str(obj), as an f-string does.
template <class T>
struct fmt::formatter<gclab::Ref<T>> : fmt::formatter<std::string> {
  auto format(const gclab::Ref<T>& obj, fmt::format_context& ctx) const {
    return fmt::formatter<std::string>::format(gclab::str(obj), ctx);
  }
};

/// `{}` of an object itself (e.g. `gc::garbage()`) prints str(obj).
template <class T>
  requires std::is_base_of_v<gclab::Object, T>
struct fmt::formatter<T> : fmt::formatter<std::string> {
  auto format(const T& obj, fmt::format_context& ctx) const {
    return fmt::formatter<std::string>::format(obj.str(), ctx);
  }
};
