// Python's exception types, as C++ exceptions the engine throws with CPython's messages.
//
// Example:
//   try { gclab::gc::collect(3); }
//   catch (const gclab::ValueError& e) { /* e.what() == "invalid generation" */ }
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace gclab {

/// Base of every exception the engine raises; `type_name()` is the Python class name.
class Exception : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  virtual std::string_view type_name() const noexcept { return "Exception"; }
};

#define GCLAB_DEFINE_EXCEPTION(Name)                                              \
  class Name : public Exception {                                                 \
   public:                                                                        \
    using Exception::Exception;                                                   \
    std::string_view type_name() const noexcept override { return #Name; }        \
  }

GCLAB_DEFINE_EXCEPTION(ValueError);
GCLAB_DEFINE_EXCEPTION(TypeError);
GCLAB_DEFINE_EXCEPTION(RuntimeError);
GCLAB_DEFINE_EXCEPTION(KeyError);
GCLAB_DEFINE_EXCEPTION(IndexError);
GCLAB_DEFINE_EXCEPTION(ReferenceError);
GCLAB_DEFINE_EXCEPTION(OSError);

#undef GCLAB_DEFINE_EXCEPTION

/// "ValueError: invalid generation": how Python prints an exception's last traceback line.
std::string describe_exception(const std::exception& e);

}  // namespace gclab
