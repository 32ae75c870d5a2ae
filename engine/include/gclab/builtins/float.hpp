// float: an atomic value object.
#pragma once

#include "gclab/ref.hpp"

namespace gclab {

class Float final : public Object {
 public:
  static constexpr std::string_view kTypeName = "float";
  static constexpr detail::TypeFlags kTypeFlags{.is_gc = false, .weakrefable = false};

  explicit Float(double value) : value_(value) {}
  double value() const noexcept { return value_; }
  /// Python's repr: the shortest string that reads back the same value ("1.0", "0.1", "1e+100").
  std::string repr() const override;
  std::size_t hash() const override;
  bool equals(const Object& other) const override;

 private:
  double value_;
};

}  // namespace gclab
