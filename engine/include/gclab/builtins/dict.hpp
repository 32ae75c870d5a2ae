// dict: an insertion-ordered mapping. Tracked lazily, as in CPython 3.11: a dict holding only
// atomic keys and values is untracked; storing a possibly-tracked object tracks it; only a full
// collection untracks it again (untrack_dicts).
//
// Example (notebook 2.3):
//   auto data = gclab::dict({{"key", "value"}});
//   gclab::gc::is_tracked(data);   // false
#pragma once

#include <initializer_list>
#include <optional>
#include <utility>
#include <vector>

#include "gclab/detail/hash_index.hpp"
#include "gclab/ref.hpp"

namespace gclab {

class Dict final : public Object {
 public:
  static constexpr std::string_view kTypeName = "dict";
  static constexpr detail::TypeFlags kTypeFlags{
      .tracked_at_creation = false, .weakrefable = false, .is_dict = true};

  struct Entry {
    Ref<Object> key;
    Ref<Object> value;
  };

  std::ptrdiff_t size() const noexcept { return static_cast<std::ptrdiff_t>(index_.size()); }
  bool empty() const noexcept { return index_.size() == 0; }
  /// d[key] = value (may start tracking the dict). Returns the item's position (for erase_at();
  /// find_value() gives it too): valid while renumberings() does not change.
  std::size_t set(Ref<Object> key, Ref<Object> value);
  /// d[key]; KeyError if absent.
  Ref<Object> get(const Ref<Object>& key) const;
  /// d.get(key, default).
  Ref<Object> get(const Ref<Object>& key, Ref<Object> fallback) const;
  /// PyDict_GetItem: the value stored under `key`, borrowed (valid until the dict changes), or
  /// null if absent. Saves a lookup's incref and decref of the value (and, the key borrowed too,
  /// of a key the caller holds as another Ref type).
  const Ref<Object>* find_value(const Object* key) const;
  /// find_value() that also gives the item's position (as set() does).
  const Ref<Object>* find_value(const Object* key, std::size_t& position) const;
  /// Bumped when the items are renumbered (a resize that drops the holes deletions left, or
  /// clear()): positions kept from before point elsewhere.
  std::size_t renumberings() const noexcept { return index_.renumberings(); }
  bool contains(const Ref<Object>& key) const;
  /// del d[key]; KeyError if absent.
  void erase(const Ref<Object>& key);
  /// d.pop(key); KeyError if absent.
  Ref<Object> pop(const Ref<Object>& key);
  /// _PyDict_DelItemIf: del d[key] if present and `pred(value)`, in one lookup; whether it did.
  bool erase_if(const Ref<Object>& key, bool (*pred)(const Ref<Object>& value));
  /// Deletes the item at `pos` (a position set() returned) if it is still there and holds exactly
  /// `value`; whether it did. No lookup: the index, a random access into a large table, is not
  /// read. A resize renumbers the items, so a caller keeps erase_if() for when this says no.
  bool erase_at(std::size_t pos, const Object* value);
  void clear();
  /// The live entries in insertion order.
  std::vector<Entry> items() const;
  /// PyDict_Next: the first live entry at or after `pos`, advancing `pos` past it; false at the
  /// end. Lets a caller walk the dict while its own code runs in between steps.
  bool next(std::size_t& pos, Entry& entry) const;

  /// _PyDict_MaybeUntrack: untracks the dict if nothing in it can be part of a cycle.
  void maybe_untrack();

  /// Values in order; keys too (after each value) once a key is not a str (dict_traverse).
  void traverse(Visitor& v) override;
  std::string repr() const override;
  std::size_t hash() const override;
  bool equals(const Object& other) const override;
  std::size_t storage_size() const override;

 private:
  struct Stored {
    Ref<Object> key;  // empty: a hole where an item was deleted
    Ref<Object> value;
    std::size_t hash;
  };
  /// Empties entry i, which the index has forgotten, and returns its value.
  Ref<Object> take(std::size_t i);
  std::optional<std::size_t> find(const Object* key, std::size_t hash) const {
    return index_.find(entries_, key, hash);
  }
  detail::Storage<Stored> entries_;  // insertion order
  using Index = detail::HashIndex<Stored>;
  Index index_;
  bool str_keys_only_ = true;   // DK_IS_UNICODE: once false, stays false
};

/// Python's dict literal: `dict({{"key", "value"}, {"n", 1}})`.
Ref<Dict> dict(std::initializer_list<std::pair<Ref<Object>, Ref<Object>>> items = {});

/// Python's dict(mapping) of any mapping with items() (a WeakValueDictionary, say): a snapshot.
template <class Mapping>
  requires requires(const Mapping& m) { m.items(); }
Ref<Dict> dict(const Mapping& mapping) {
  auto d = make<Dict>();
  for (const auto& [key, value] : mapping.items()) d->set(key, value);
  return d;
}

}  // namespace gclab
