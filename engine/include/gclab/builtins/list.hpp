// list: a mutable sequence, always tracked.
//
// Example (notebook 2.1 and problem 3):
//   auto a = gclab::list({1, 2, 3});
//   auto row = gclab::list({i}) * 100;     // Python's [i] * 100
#pragma once

#include <initializer_list>
#include <vector>

#include "gclab/detail/storage.hpp"
#include "gclab/ref.hpp"

namespace gclab {

class List final : public Object {
 public:
  static constexpr std::string_view kTypeName = "list";
  static constexpr detail::TypeFlags kTypeFlags{.weakrefable = false};

  List() = default;
  explicit List(std::vector<Ref<Object>> items)
      : items_(std::make_move_iterator(items.begin()), std::make_move_iterator(items.end())) {}

  std::ptrdiff_t size() const noexcept { return static_cast<std::ptrdiff_t>(items_.size()); }
  bool empty() const noexcept { return items_.empty(); }
  /// l[i] as an assignable slot, with Python's negative indices; IndexError when out of range.
  Ref<Object>& operator[](std::ptrdiff_t i);
  const Ref<Object>& operator[](std::ptrdiff_t i) const;

  void append(Ref<Object> item) { items_.push_back(std::move(item)); }
  void extend(const List& other);
  void insert(std::ptrdiff_t index, Ref<Object> item);
  /// Removes and returns l[index] (the last item by default); IndexError on an empty list.
  Ref<Object> pop(std::ptrdiff_t index = -1);
  /// Drops every item, last first (list_clear's order).
  void clear();
  /// Python's `x in l`: identity or equality.
  bool contains(const Ref<Object>& item) const;

  auto begin() { return items_.begin(); }
  auto end() { return items_.end(); }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

  /// Visits items last to first, as CPython's list_traverse does (get_referents shows ['a', 1]).
  void traverse(Visitor& v) override;
  std::string repr() const override;
  std::size_t hash() const override;
  bool equals(const Object& other) const override;
  std::size_t storage_size() const override { return items_.capacity() * sizeof(Ref<Object>); }

 private:
  std::size_t checked_index(std::ptrdiff_t i, const char* what) const;
  detail::Storage<Ref<Object>> items_;
};

/// Python's list literal: `list({1, 2, 3})`.
Ref<List> list(std::initializer_list<Ref<Object>> items = {});
/// Python's `[x] * n`: a new list repeating the items n times.
Ref<List> operator*(const Ref<List>& l, std::ptrdiff_t n);

}  // namespace gclab
