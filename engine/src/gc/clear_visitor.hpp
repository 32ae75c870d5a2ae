// tp_clear as a visitor: empties every slot it visits and drops the reference (Py_CLEAR order).
// It keeps no state between uses, so one instance serves refcount death and delete_garbage.
#pragma once

#include "gclab/visitor.hpp"

namespace gclab::detail {

class ClearVisitor final : public Visitor {
 public:
  constexpr ClearVisitor() : Visitor(/*clears=*/true) {}
  void inspect(Object*) override {}
};

inline constinit ClearVisitor clear_visitor;

}  // namespace gclab::detail
