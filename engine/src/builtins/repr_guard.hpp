// CPython's Py_ReprEnter / Py_ReprLeave: a container whose repr() is met again while that repr()
// is still being built prints a placeholder ("[...]", "{...}", "(...)", "set(...)") instead of
// recursing forever, as `l = []; l.append(l); repr(l)` gives "[[...]]".
#pragma once

#include <algorithm>
#include <vector>

#include "gclab/object.hpp"

namespace gclab::detail {

class ReprGuard {
 public:
  explicit ReprGuard(const Object* op) : reentered_(contains(op)) {
    if (!reentered_) active().push_back(op);
  }
  ~ReprGuard() {
    if (!reentered_) active().pop_back();
  }
  ReprGuard(const ReprGuard&) = delete;
  ReprGuard& operator=(const ReprGuard&) = delete;

  /// True if `op`'s repr() is already being built further up the stack.
  bool reentered() const noexcept { return reentered_; }

 private:
  // The objects whose repr() is in progress, innermost last (CPython keeps them in a list in the
  // thread state).
  static std::vector<const Object*>& active() {
    static std::vector<const Object*> objects;
    return objects;
  }
  static bool contains(const Object* op) {
    return std::find(active().begin(), active().end(), op) != active().end();
  }

  bool reentered_;
};

}  // namespace gclab::detail
