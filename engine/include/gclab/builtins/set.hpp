// set: an unordered collection of hashable objects, always tracked. (Iteration here follows
// insertion order; CPython's follows hash order — a difference of interpreter, not of semantics.)
#pragma once

#include <initializer_list>
#include <vector>

#include "gclab/builtins/dict.hpp"

namespace gclab {

class Set final : public Object {
 public:
  static constexpr std::string_view kTypeName = "set";
  static constexpr detail::TypeFlags kTypeFlags{};

  std::ptrdiff_t size() const noexcept { return static_cast<std::ptrdiff_t>(index_.size()); }
  void add(Ref<Object> item);
  bool contains(const Ref<Object>& item) const;
  /// s.discard(item): no error if absent.
  void discard(const Ref<Object>& item);
  void clear();
  std::vector<Ref<Object>> items() const;
  /// _PySet_NextEntry: the first item at or after `pos`, advancing `pos` past it; false at the end.
  bool next(std::size_t& pos, Ref<Object>& item) const;

  void traverse(Visitor& v) override;
  std::string repr() const override;
  std::size_t hash() const override;
  bool equals(const Object& other) const override;
  std::size_t storage_size() const override;

 private:
  struct Stored {
    Ref<Object> key;  // empty: a hole where an item was discarded
    std::size_t hash;
  };
  detail::Storage<Stored> items_;  // insertion order
  detail::HashIndex<Stored> index_;
};

/// Python's set literal: `set({1, 2})`.
Ref<Set> set(std::initializer_list<Ref<Object>> items = {});

}  // namespace gclab
