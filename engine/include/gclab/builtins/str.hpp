// str: an atomic value object. String literals that look like identifiers are interned, as
// CPython interns such code constants; strings built at run time are not.
//
// Example:
//   gclab::Ref<gclab::Str> s1 = "hello", s2 = "hello";
//   s1.is(s2);                // true: both are the interned literal
#pragma once

#include <string>

#include "gclab/detail/storage.hpp"
#include "gclab/ref.hpp"

namespace gclab {

class Str final : public Object {
 public:
  static constexpr std::string_view kTypeName = "str";
  static constexpr detail::TypeFlags kTypeFlags{.is_gc = false, .weakrefable = false};

  explicit Str(std::string_view value) : value_(value) {}
  ~Str() override;
  /// The interned string equal to `value` (sys.intern).
  static Ref<Str> intern(std::string_view value);

  std::string_view value() const noexcept { return value_; }
  std::string str() const override { return std::string(value_); }
  /// Python's repr: single quotes unless the text holds a single quote and no double quote.
  std::string repr() const override;
  std::size_t hash() const override { return cached_hash(); }
  /// hash() without the virtual call, for the dict and set code that has an exact str in hand.
  std::size_t cached_hash() const {
    if (!hashed_) [[unlikely]] compute_hash();
    return hash_;
  }
  bool equals(const Object& other) const override;
  std::size_t storage_size() const override { return value_.capacity() + 1; }

 private:
  void compute_hash() const;

  // The hash and its flag come first, next to the type that a dict's hashing reads before them;
  // a flag rather than a std::optional (whose own flag pads to 16 bytes) keeps a str in an
  // 80-byte block, not 96.
  mutable std::size_t hash_ = 0;  // str objects cache their hash, as CPython's do
  mutable bool hashed_ = false;
  bool interned_ = false;
  detail::StorageString value_;
};

}  // namespace gclab
