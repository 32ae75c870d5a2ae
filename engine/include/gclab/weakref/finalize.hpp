// weakref.finalize: run a function when an object dies, at most once -- without __del__'s
// pitfalls (no resurrection, no cycle problems). Like Python's, a finalizer stays registered even
// if you drop the handle, and live ones marked `atexit` run when the program exits, newest first.
//
// Example:
//   weakref::finalize f(node, [] { print("node is gone"); });
//   f.alive();     // true
//   del(node);     // prints "node is gone"; f.alive() is now false
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "gclab/weakref.hpp"

namespace gclab::weakref {

class finalize {
 public:
  /// The function with its arguments bound (Python's func, *args, **kwargs).
  using Func = std::function<void()>;
  /// What peek() and detach() return while the finalizer is alive: (obj, func).
  struct Info {
    Ref<Object> obj;
    Func func;
  };

  finalize(const Ref<Object>& obj, Func func);

  /// True until the function has run or the finalizer was detached.
  bool alive() const;
  /// f(): runs the function now if the finalizer is alive; later calls (and the object's death)
  /// do nothing.
  void operator()();
  /// Unregisters the finalizer without running it; returns (obj, func) the first time only.
  std::optional<Info> detach();
  /// (obj, func) while alive, without unregistering.
  std::optional<Info> peek() const;
  /// Whether the function runs at program exit if the object is still alive (default true).
  bool atexit() const;
  void set_atexit(bool value);
  /// `<finalize object at 0x…; for 'Node' at 0x…>`, or `<finalize object at 0x…; dead>`.
  std::string repr() const;

  struct Entry;

 private:
  std::shared_ptr<Entry> entry_;
};

}  // namespace gclab::weakref
