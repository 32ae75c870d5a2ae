// weakref.WeakSet: a set that holds its members weakly; a member leaves when it dies.
//
// Example (notebook 7, the observer pattern):
//   struct Observable : Object {
//     weakref::WeakSet<Observer> observers;
//     GCLAB_TRAVERSE(observers)
//   };
//   for (const Ref<Observer>& o : observable->observers) o->on_event(event);
#pragma once

#include <string>

#include "gclab/builtins/set.hpp"
#include "gclab/weakref/iteration.hpp"

namespace gclab::weakref {

namespace detail {

/// The untyped WeakSet: a set of weak references (ContainerRefs) to the members.
class WeakObjectSet : public WeakContainer {
 public:
  WeakObjectSet();

  void add(const Ref<Object>& item);
  /// `item in s`: false (no error) for objects that cannot be weakly referenced.
  bool contains(const Ref<Object>& item) const;
  void discard(const Ref<Object>& item);
  /// s.remove(item): KeyError if absent.
  void remove(const Ref<Object>& item);
  void clear();
  std::ptrdiff_t size() const;
  /// The repr of the underlying set of weak references (`set()` when empty).
  std::string repr() const;

  class Cursor {
   public:
    explicit Cursor(const WeakObjectSet& set);
    bool next(Ref<Object>& item);

   private:
    const Set* data_;
    Pass pass_;
  };

 private:
  static void remove_dead(RemovalState& state, ReferenceType& wr);
  Set& set() const noexcept { return data<Set>(); }
};

}  // namespace detail

template <class T>
class WeakSet {
  static_assert(weakref::detail::statically_weakrefable<T>(),
                "the members of a WeakSet must support weak references");

 public:
  WeakSet() = default;

  void add(const Ref<T>& item) { set_.add(item); }
  bool contains(const Ref<T>& item) const { return set_.contains(item); }
  void discard(const Ref<T>& item) { set_.discard(item); }
  void remove(const Ref<T>& item) { set_.remove(item); }
  void clear() { set_.clear(); }
  std::ptrdiff_t size() const { return set_.size(); }
  std::string repr() const { return set_.repr(); }

  /// for (const Ref<T>& item : s): live members only; members that die during the loop leave
  /// the set when it ends.
  auto begin() const { return typename Members::Iterator(MemberCursor{Cursor(set_)}); }
  auto end() const { return typename Members::Sentinel{}; }

  void traverse(Visitor& v) { set_.traverse(v); }

 private:
  using Cursor = detail::WeakObjectSet::Cursor;
  struct MemberCursor {
    Cursor cursor;
    bool next(Ref<T>& item) {
      Ref<Object> o;
      if (!cursor.next(o)) return false;
      item = Ref<T>::adopt(static_cast<T*>(o.release()));
      return true;
    }
  };
  using Members = weakref::detail::Generator<MemberCursor, Ref<T>>;
  detail::WeakObjectSet set_;
};

}  // namespace gclab::weakref
