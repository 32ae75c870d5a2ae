// weakref.WeakValueDictionary: a mapping whose values are held weakly. An entry disappears as
// soon as its value dies -- by refcount at once, by the collector for a value in a cycle.
//
// Example (notebook 6.2):
//   weakref::WeakValueDictionary<Str, Cacheable> cache;
//   cache.set("key1", obj1);
//   del(obj1);                       // the entry is gone
//   cache.get("key1") == nullptr;    // true
#pragma once

#include <string>
#include <utility>

#include "gclab/builtins/dict.hpp"
#include "gclab/weakref/iteration.hpp"

namespace gclab::weakref {

/// weakref.KeyedRef: a weak reference that remembers the key it is stored under.
class KeyedRef final : public detail::ContainerRef {
 public:
  static constexpr std::string_view kTypeName = "KeyedRef";
  KeyedRef(Object& referent, detail::RemovalState& state, Ref<Object> key_)
      : ContainerRef(referent, state), key(std::move(key_)) {}
  GCLAB_TRAVERSE(key)
  Ref<Object> key;
};

namespace detail {

/// The untyped WeakValueDictionary: keys to KeyedRefs in a dict, as Lib/weakref.py keeps them.
class WeakValueMap : public WeakContainer {
 public:
  WeakValueMap();

  void set(Ref<Object> key, const Ref<Object>& value);
  // The lookups borrow their key: a caller's Ref<Str> needs no Ref<Object> made (an incref and a
  // decref of the key, a write to its memory, per lookup).
  Ref<Object> get(const Object* key) const;  // KeyError if absent or dead
  Ref<Object> get(const Object* key, Ref<Object> fallback) const;
  bool contains(const Object* key) const;
  void erase(const Ref<Object>& key);
  Ref<Object> pop(const Ref<Object>& key);
  Ref<Object> pop(const Ref<Object>& key, Ref<Object> fallback);
  Ref<Object> setdefault(const Ref<Object>& key, const Ref<Object>& fallback);
  std::ptrdiff_t size() const;
  Ref<List> valuerefs() const;
  std::string repr() const;

  /// One iteration over the live entries (keys, values and items share it).
  struct Cursor : DictCursor {
    explicit Cursor(const WeakValueMap& map) : DictCursor(map, WeakSide::Value) {}
  };

 private:
  /// The live value under `key`, or an empty Ref.
  Ref<Object> lookup(const Object* key) const;
  static void remove(RemovalState& state, ReferenceType& wr);
  void renumber();
  Dict& dict() const noexcept { return data<Dict>(); }
};

}  // namespace detail

template <class K, class V>
class WeakValueDictionary {
 public:
  WeakValueDictionary() = default;

  /// d[key] = value.
  void set(const Ref<K>& key, const Ref<V>& value) { map_.set(key, value); }
  /// d[key]: KeyError if absent or if the value has died.
  Ref<V> operator[](const Ref<K>& key) const { return detail::downcast<V>(map_.get(key.get())); }
  /// d.get(key, default).
  Ref<V> get(const Ref<K>& key, Ref<V> fallback = {}) const {
    return detail::downcast<V>(map_.get(key.get(), std::move(fallback)));
  }
  bool contains(const Ref<K>& key) const { return map_.contains(key.get()); }
  /// del d[key].
  void erase(const Ref<K>& key) { map_.erase(key); }
  Ref<V> pop(const Ref<K>& key) { return detail::downcast<V>(map_.pop(key)); }
  Ref<V> pop(const Ref<K>& key, Ref<V> fallback) { return detail::downcast<V>(map_.pop(key, std::move(fallback))); }
  Ref<V> setdefault(const Ref<K>& key, const Ref<V>& value) { return detail::downcast<V>(map_.setdefault(key, value)); }
  std::ptrdiff_t size() const { return map_.size(); }
  /// The KeyedRef objects (which may die at any time).
  Ref<List> valuerefs() const { return map_.valuerefs(); }
  std::string repr() const { return map_.repr(); }

  /// for (auto [key, value] : d.items()): live entries only; entries whose values die meanwhile
  /// are removed when the loop ends; inserting during the loop raises RuntimeError.
  auto items() const { return detail::items_of<Cursor, K, V>(map_); }
  auto keys() const { return detail::keys_of<Cursor, K>(map_); }
  auto values() const { return detail::values_of<Cursor, V>(map_); }

  void traverse(Visitor& v) { map_.traverse(v); }

 private:
  using Cursor = detail::WeakValueMap::Cursor;
  detail::WeakValueMap map_;
};

}  // namespace gclab::weakref
