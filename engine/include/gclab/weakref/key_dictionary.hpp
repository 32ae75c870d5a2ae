// weakref.WeakKeyDictionary: a mapping whose keys are held weakly. An entry disappears when its
// key dies: a way to attach data to objects without keeping them alive.
//
// Example:
//   weakref::WeakKeyDictionary<Node, Str> notes;
//   notes.set(node, "first");
//   del(node);                       // the entry is gone
#pragma once

#include <string>
#include <utility>

#include "gclab/builtins/dict.hpp"
#include "gclab/weakref/iteration.hpp"

namespace gclab::weakref {

namespace detail {

/// The untyped WeakKeyDictionary: weak references to the keys (ContainerRefs) mapped to values.
class WeakKeyMap : public WeakContainer {
 public:
  WeakKeyMap();

  void set(const Ref<Object>& key, Ref<Object> value);
  Ref<Object> get(const Ref<Object>& key) const;  // KeyError if absent
  Ref<Object> get(const Ref<Object>& key, Ref<Object> fallback) const;
  bool contains(const Ref<Object>& key) const;
  void erase(const Ref<Object>& key);
  Ref<Object> pop(const Ref<Object>& key);
  Ref<Object> setdefault(const Ref<Object>& key, Ref<Object> fallback);
  std::ptrdiff_t size() const;
  Ref<List> keyrefs() const;
  std::string repr() const;

  struct Cursor : DictCursor {
    explicit Cursor(const WeakKeyMap& map) : DictCursor(map, WeakSide::Key) {}
  };

 private:
  static void remove(RemovalState& state, ReferenceType& wr);
  Dict& dict() const noexcept { return data<Dict>(); }
};

}  // namespace detail

template <class K, class V>
class WeakKeyDictionary {
  static_assert(weakref::detail::statically_weakrefable<K>(),
                "the keys of a WeakKeyDictionary must support weak references");

 public:
  WeakKeyDictionary() = default;

  void set(const Ref<K>& key, const Ref<V>& value) { map_.set(key, value); }
  Ref<V> operator[](const Ref<K>& key) const { return detail::downcast<V>(map_.get(key)); }
  Ref<V> get(const Ref<K>& key, Ref<V> fallback = {}) const {
    return detail::downcast<V>(map_.get(key, std::move(fallback)));
  }
  bool contains(const Ref<K>& key) const { return map_.contains(key); }
  void erase(const Ref<K>& key) { map_.erase(key); }
  Ref<V> pop(const Ref<K>& key) { return detail::downcast<V>(map_.pop(key)); }
  Ref<V> setdefault(const Ref<K>& key, const Ref<V>& value) { return detail::downcast<V>(map_.setdefault(key, value)); }
  std::ptrdiff_t size() const { return map_.size(); }
  /// The weak references used as keys.
  Ref<List> keyrefs() const { return map_.keyrefs(); }
  std::string repr() const { return map_.repr(); }

  auto items() const { return detail::items_of<Cursor, K, V>(map_); }
  auto keys() const { return detail::keys_of<Cursor, K>(map_); }

  void traverse(Visitor& v) { map_.traverse(v); }

 private:
  using Cursor = detail::WeakKeyMap::Cursor;
  detail::WeakKeyMap map_;
};

}  // namespace gclab::weakref
