// weakref.WeakValueDictionary: a mapping whose values are held weakly. An entry disappears as
// soon as its value dies -- by refcount at once, by the collector for a value in a cycle.
//
// Example (notebook 6.2):
//   weakref::WeakValueDictionary<Str, Cacheable> cache;
//   cache.set("key1", obj1);
//   del(obj1);                       // the entry is gone
//   cache.get("key1") == nullptr;    // true
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "gclab/builtins/dict.hpp"
#include "gclab/weakref.hpp"
#include "gclab/weakref/iteration.hpp"

namespace gclab::weakref {

/// weakref.KeyedRef: a weak reference that remembers the key it is stored under.
class KeyedRef final : public ReferenceType {
 public:
  static constexpr std::string_view kTypeName = "KeyedRef";
  KeyedRef(Object& referent, Callback callback, Ref<Object> key_)
      : ReferenceType(referent, std::move(callback), Kind::Subclass), key(std::move(key_)) {}
  GCLAB_TRAVERSE(key)
  Ref<Object> key;
};

namespace detail {

/// The untyped WeakValueDictionary: keys to KeyedRefs in a dict, as Lib/weakref.py keeps them.
class WeakValueMap {
 public:
  WeakValueMap();
  ~WeakValueMap();
  WeakValueMap(const WeakValueMap&) = delete;
  WeakValueMap& operator=(const WeakValueMap&) = delete;

  void set(Ref<Object> key, const Ref<Object>& value);
  Ref<Object> get(const Ref<Object>& key) const;  // KeyError if absent or dead
  Ref<Object> get(const Ref<Object>& key, Ref<Object> fallback) const;
  bool contains(const Ref<Object>& key) const;
  void erase(const Ref<Object>& key);
  Ref<Object> pop(const Ref<Object>& key);
  Ref<Object> pop(const Ref<Object>& key, Ref<Object> fallback);
  Ref<Object> setdefault(const Ref<Object>& key, const Ref<Object>& fallback);
  std::ptrdiff_t size() const;
  Ref<List> valuerefs() const;
  std::string repr(std::string_view class_name) const;
  void traverse(Visitor& v) { v.visit(data_); }

  /// One iteration over the live entries (keys, values, items share it).
  class Cursor {
   public:
    explicit Cursor(const WeakValueMap& map);
    bool next(Ref<Object>& key, Ref<Object>& value);

   private:
    const WeakValueMap* map_;
    IterationGuard guard_;
    std::size_t pos_ = 0;
    std::ptrdiff_t expected_size_;
  };

 private:
  void commit_removals() const;
  Ref<Dict> data_;
  std::shared_ptr<RemovalState> state_;
  Callback remove_;
};

}  // namespace detail

template <class K, class V>
class WeakValueDictionary {
 public:
  WeakValueDictionary() = default;

  /// d[key] = value.
  void set(const Ref<K>& key, const Ref<V>& value) { map_.set(key, value); }
  /// d[key]: KeyError if absent or if the value has died.
  Ref<V> operator[](const Ref<K>& key) const { return cast(map_.get(key)); }
  /// d.get(key, default).
  Ref<V> get(const Ref<K>& key, Ref<V> fallback = {}) const {
    return cast(map_.get(key, std::move(fallback)));
  }
  bool contains(const Ref<K>& key) const { return map_.contains(key); }
  /// del d[key].
  void erase(const Ref<K>& key) { map_.erase(key); }
  Ref<V> pop(const Ref<K>& key) { return cast(map_.pop(key)); }
  Ref<V> pop(const Ref<K>& key, Ref<V> fallback) { return cast(map_.pop(key, std::move(fallback))); }
  Ref<V> setdefault(const Ref<K>& key, const Ref<V>& value) { return cast(map_.setdefault(key, value)); }
  std::ptrdiff_t size() const { return map_.size(); }
  /// The KeyedRef objects (which may die at any time).
  Ref<List> valuerefs() const { return map_.valuerefs(); }
  std::string repr() const { return map_.repr("WeakValueDictionary"); }

  /// for (auto [key, value] : d.items()): live entries only; entries whose values die meanwhile
  /// are removed when the loop ends; inserting during the loop raises RuntimeError.
  auto items() const { return detail::Generator<ItemCursor, std::pair<Ref<K>, Ref<V>>>(ItemCursor{detail::WeakValueMap::Cursor(map_)}); }
  auto keys() const { return detail::Generator<KeyCursor, Ref<K>>(KeyCursor{detail::WeakValueMap::Cursor(map_)}); }
  auto values() const { return detail::Generator<ValueCursor, Ref<V>>(ValueCursor{detail::WeakValueMap::Cursor(map_)}); }

  void traverse(Visitor& v) { map_.traverse(v); }

 private:
  static Ref<V> cast(Ref<Object> o) { return Ref<V>::adopt(static_cast<V*>(o.release())); }
  static Ref<K> cast_key(Ref<Object> o) { return Ref<K>::adopt(static_cast<K*>(o.release())); }
  struct ItemCursor {
    detail::WeakValueMap::Cursor cursor;
    bool next(std::pair<Ref<K>, Ref<V>>& item) {
      Ref<Object> k, v;
      if (!cursor.next(k, v)) return false;
      item = {cast_key(std::move(k)), cast(std::move(v))};
      return true;
    }
  };
  struct KeyCursor {
    detail::WeakValueMap::Cursor cursor;
    bool next(Ref<K>& key) {
      Ref<Object> k, v;
      if (!cursor.next(k, v)) return false;
      key = cast_key(std::move(k));
      return true;
    }
  };
  struct ValueCursor {
    detail::WeakValueMap::Cursor cursor;
    bool next(Ref<V>& value) {
      Ref<Object> k, v;
      if (!cursor.next(k, v)) return false;
      value = cast(std::move(v));
      return true;
    }
  };
  detail::WeakValueMap map_;
};

}  // namespace gclab::weakref
