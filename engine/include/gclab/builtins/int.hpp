// int: an atomic (untracked, non-GC) value object. Ints in -5..256 are preallocated and shared,
// with CPython 3.11's huge base count, so sys::getrefcount(100) prints about a billion.
//
// Example:
//   gclab::Ref<gclab::Int> x = 100, y = 100;
//   x.is(y);                  // true: the small-int cache
#pragma once

#include "gclab/ref.hpp"

namespace gclab {

class Int final : public Object {
 public:
  static constexpr std::string_view kTypeName = "int";
  static constexpr detail::TypeFlags kTypeFlags{.is_gc = false, .weakrefable = false};
  static constexpr long long kSmallMin = -5;    ///< NSMALLNEGINTS
  static constexpr long long kSmallMax = 256;   ///< NSMALLPOSINTS - 1

  explicit Int(long long value) : value_(value) {}
  /// The cached object for small values, a new one otherwise.
  static Ref<Int> from(long long value);

  long long value() const noexcept { return value_; }
  std::string repr() const override;
  std::size_t hash() const override;
  bool equals(const Object& other) const override;

 private:
  long long value_;
};

}  // namespace gclab
