// tuple: an immutable sequence. Created tracked; any collection that examines it untracks it
// once every item is atomic or an untracked container (CPython's untrack_tuples).
//
// Example:
//   auto t = gclab::tuple({1, "x"});
//   gclab::gc::is_tracked(t);   // true; after gc::collect(0): false
#pragma once

#include <initializer_list>
#include <vector>

#include "gclab/detail/storage.hpp"
#include "gclab/ref.hpp"

namespace gclab {

class Tuple final : public Object {
 public:
  static constexpr std::string_view kTypeName = "tuple";
  static constexpr detail::TypeFlags kTypeFlags{.weakrefable = false, .is_tuple = true};

  explicit Tuple(std::vector<Ref<Object>> items)
      : items_(std::make_move_iterator(items.begin()), std::make_move_iterator(items.end())) {}

  std::ptrdiff_t size() const noexcept { return static_cast<std::ptrdiff_t>(items_.size()); }
  /// t[i], with Python's negative indices; IndexError when out of range.
  Ref<Object> operator[](std::ptrdiff_t i) const;
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  /// Visits items last to first, as CPython's tupletraverse does.
  void traverse(Visitor& v) override;
  std::string repr() const override;
  std::size_t hash() const override;
  bool equals(const Object& other) const override;
  std::size_t storage_size() const override { return items_.capacity() * sizeof(Ref<Object>); }

 private:
  detail::Storage<Ref<Object>> items_;
};

/// Python's tuple literal: `tuple({1, "x", node})`.
Ref<Tuple> tuple(std::initializer_list<Ref<Object>> items);

}  // namespace gclab
