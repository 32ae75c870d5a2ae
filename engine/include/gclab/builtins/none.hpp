// None: the shared singleton, counted but never freed (as in CPython 3.11).
#pragma once

#include "gclab/ref.hpp"

namespace gclab {

class NoneType final : public Object {
 public:
  static constexpr std::string_view kTypeName = "NoneType";
  static constexpr detail::TypeFlags kTypeFlags{.is_gc = false, .weakrefable = false};
  std::string repr() const override { return "None"; }
};

/// A new reference to None.
Ref<NoneType> None();

}  // namespace gclab
