// What the weak containers share: the removal bookkeeping of Lib/weakref.py (the `selfref`
// callbacks, _IterationGuard, _pending_removals) and a C++ range that behaves like a generator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "gclab/detail/storage.hpp"
#include "gclab/weakref.hpp"

namespace gclab {
class Dict;
}

namespace gclab::weakref::detail {

/// What a WeakValueDictionary knows of its items without reading their KeyedRefs: for each
/// position in its dict, the KeyedRef set() put there and that ref's wr_object, cleared with it.
/// A lookup whose key's item holds the very ref its slot names takes the referent from here: at
/// 10^5 keys the KeyedRef is one more dependent cache miss between the item and the value. The
/// other containers leave it empty.
struct ReferentCache {
  struct Slot {
    const Object* ref = nullptr;  ///< the KeyedRef; null once it has died
    Object* referent = nullptr;   ///< its wr_object; null once cleared
  };
  gclab::detail::Storage<Slot> slots;  ///< by position in the dict
  std::size_t renumberings = 0;   ///< the dict's renumberings() those positions are from
};

/// A weak container's state, shared by the container and by each weak reference it made:
/// counted without atomics, like everything in the engine. When the container goes, `alive`
/// turns false and a weak reference that dies later calls back into nothing (Lib/weakref.py's
/// `selfref() is None`).
struct RemovalState {
  std::ptrdiff_t refs = 1;
  bool alive = true;
  int iterating = 0;                            ///< live iterations (_IterationGuard)
  std::vector<Ref<ReferenceType>> pending;      ///< dead members whose removal waits for them
  void (*remove)(RemovalState&, ReferenceType&) = nullptr;  ///< the container's own removal
  Object* data = nullptr;                       ///< the container's dict or set (borrowed)
  ReferentCache referents;                      ///< a WeakValueDictionary's (the state outlives
                                                ///< the container, as its weak references may)

  void retain() noexcept { ++refs; }
  void release() noexcept {
    if (--refs == 0) delete this;
  }
  /// Applies the removals that waited for the iterations to end (inline: every operation on the
  /// container starts here, and there are almost never any).
  void commit_removals() {
    if (!pending.empty()) [[unlikely]] commit_pending();
  }

 private:
  void commit_pending();
};

/// A weak reference that belongs to a weak container: when its referent dies, the container
/// drops the entry -- at once, or after the running iterations.
class ContainerRef : public ReferenceType {
 public:
  ContainerRef(Object& referent, RemovalState& state);
  ~ContainerRef() override;

  /// Where the container's dict put the item holding this reference (Dict::set), so that its
  /// removal can skip the lookup and its ReferentCache slot be found. A WeakValueDictionary
  /// renews it when its dict renumbers; stale otherwise (Dict::erase_at and the slot's check
  /// notice). 32 bits (a dict's item numbers are), so that it fits in ReferenceType's tail
  /// padding.
  std::uint32_t position = 0;

  /// Takes `pos` as its position and fills its ReferentCache slot there (a WeakValueDictionary's
  /// set() and renumbering).
  void cache_at(std::size_t pos);

 private:
  friend struct weakref::Weaklist;
  /// The callback (Lib/weakref.py's `_remove`), whose context word is the container's state.
  static void on_death(const Ref<ReferenceType>& wr, std::uintptr_t context);
  RemovalState& state() const noexcept { return *reinterpret_cast<RemovalState*>(callback_context()); }
  /// This ref's slot in the ReferentCache, if it has one: found at `position`, naming this ref.
  ReferentCache::Slot* cache_slot() const noexcept;
  /// Called as the referent is cleared (Weaklist::clear_ref), before any callback can look.
  void forget_referent() noexcept {
    if (ReferentCache::Slot* slot = cache_slot()) slot->referent = nullptr;
  }
};

/// What every weak container has: the dict or set of weak references it keeps (`data`, as
/// Lib/weakref.py names it), and its RemovalState.
class WeakContainer {
 public:
  WeakContainer(Ref<Object> data, void (*remove)(RemovalState&, ReferenceType&));
  ~WeakContainer();
  WeakContainer(const WeakContainer&) = delete;
  WeakContainer& operator=(const WeakContainer&) = delete;

  /// A weak container held inside an object is visited like a field: it holds `data`.
  void traverse(Visitor& v) { v.visit(data_); }

 protected:
  template <class T>
  T& data() const noexcept {
    return static_cast<T&>(*data_);
  }
  RemovalState& state() const noexcept { return *state_; }
  void commit_removals() const { state_->commit_removals(); }

  /// One pass over the container's dict or set, under an _IterationGuard: removals requested
  /// meanwhile wait, because removing entries under a running iteration would invalidate it; the
  /// last pass to finish commits them. Inserting meanwhile raises RuntimeError, as Python's dict
  /// iteration does.
  class Pass {
   public:
    explicit Pass(const WeakContainer& container);
    Pass(Pass&& other) noexcept;
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    Pass& operator=(Pass&&) = delete;
    ~Pass();
    /// Remembers the container's size once pending removals are committed ...
    void start(std::ptrdiff_t size) noexcept { size_at_start_ = size; }
    /// ... and throws RuntimeError(`message`) if it changed since.
    void check_size(std::ptrdiff_t size, const char* message) const;
    std::size_t pos = 0;  ///< the position for Dict::next / Set::next

   private:
    RemovalState* state_;
    std::ptrdiff_t size_at_start_ = 0;
    friend class WeakContainer;
  };

  /// One pass over a dict whose keys (WeakKeyDictionary) or values (WeakValueDictionary) are
  /// weak references: yields the live entries, the weak side replaced by its referent.
  class DictCursor {
   public:
    enum class WeakSide { Key, Value };
    DictCursor(const WeakContainer& container, WeakSide side);
    bool next(Ref<Object>& key, Ref<Object>& value);

   private:
    const Dict* data_;
    Pass pass_;
    WeakSide side_;
  };

 private:
  Ref<Object> data_;
  RemovalState* state_;
};

/// A Python generator as a C++ range: `Cursor::next(Item&)` yields items until it returns false.
/// The iterator owns the cursor (and so its Pass): the guard is released when the loop ends, as
/// a finished generator releases its _IterationGuard.
template <class Cursor, class Item>
class Generator {
 public:
  struct Sentinel {};
  class Iterator {
   public:
    explicit Iterator(Cursor cursor) : state_(std::make_shared<State>(std::move(cursor))) {
      ++*this;
    }
    const Item& operator*() const { return state_->item; }
    Iterator& operator++() {
      state_->done = !state_->cursor.next(state_->item);
      return *this;
    }
    bool operator==(Sentinel) const { return state_->done; }

   private:
    struct State {
      explicit State(Cursor c) : cursor(std::move(c)) {}
      Cursor cursor;
      Item item{};
      bool done = false;
    };
    std::shared_ptr<State> state_;
  };

  explicit Generator(Cursor cursor) : cursor_(std::move(cursor)) {}
  /// Starts the (single) iteration.
  Iterator begin() { return Iterator(std::move(*cursor_)); }
  Sentinel end() const { return {}; }

 private:
  std::optional<Cursor> cursor_;
};

/// The untyped object as the T the typed container knows it is.
template <class T>
Ref<T> downcast(Ref<Object> o) noexcept {
  return Ref<T>::adopt(static_cast<T*>(o.release()));
}

/// A typed mapping's views over its untyped (key, value) cursor: Python's items(), keys() and
/// values() generators.
template <class Cursor, class K, class V>
struct ItemCursor {
  Cursor cursor;
  bool next(std::pair<Ref<K>, Ref<V>>& item) {
    Ref<Object> k, v;
    if (!cursor.next(k, v)) return false;
    item = {downcast<K>(std::move(k)), downcast<V>(std::move(v))};
    return true;
  }
};
template <class Cursor, class K>
struct KeyCursor {
  Cursor cursor;
  bool next(Ref<K>& key) {
    Ref<Object> k, v;
    if (!cursor.next(k, v)) return false;
    key = downcast<K>(std::move(k));
    return true;
  }
};
template <class Cursor, class V>
struct ValueCursor {
  Cursor cursor;
  bool next(Ref<V>& value) {
    Ref<Object> k, v;
    if (!cursor.next(k, v)) return false;
    value = downcast<V>(std::move(v));
    return true;
  }
};

template <class Cursor, class K, class V>
auto items_of(const auto& map) {
  return Generator<ItemCursor<Cursor, K, V>, std::pair<Ref<K>, Ref<V>>>({Cursor(map)});
}
template <class Cursor, class K>
auto keys_of(const auto& map) {
  return Generator<KeyCursor<Cursor, K>, Ref<K>>({Cursor(map)});
}
template <class Cursor, class V>
auto values_of(const auto& map) {
  return Generator<ValueCursor<Cursor, V>, Ref<V>>({Cursor(map)});
}

}  // namespace gclab::weakref::detail
