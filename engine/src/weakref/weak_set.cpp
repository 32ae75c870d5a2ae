#include "gclab/weakref/weak_set.hpp"

namespace gclab::weakref::detail {

WeakObjectSet::WeakObjectSet() : WeakContainer(make<Set>(), &WeakObjectSet::remove_dead) {}

void WeakObjectSet::remove_dead(RemovalState& state, ReferenceType& wr) {
  static_cast<Set&>(*state.data).discard(Ref<Object>::borrow(&wr));
}

void WeakObjectSet::add(const Ref<Object>& item) {
  commit_removals();
  if (contains(item)) return;
  set().add(make<ContainerRef>(*item, state()));
}

bool WeakObjectSet::contains(const Ref<Object>& item) const {
  if (!item || !item->type().weakrefable) return false;
  return set().contains(new_ref(item.get()));
}

void WeakObjectSet::discard(const Ref<Object>& item) {
  commit_removals();
  if (item && item->type().weakrefable) set().discard(new_ref(item.get()));
}

void WeakObjectSet::remove(const Ref<Object>& item) {
  if (!contains(item)) throw KeyError(item ? item->repr() : "None");
  discard(item);
}

void WeakObjectSet::clear() {
  commit_removals();
  set().clear();
}

// Python's len(WeakSet): the members not yet known to be dead.
std::ptrdiff_t WeakObjectSet::size() const {
  return set().size() - static_cast<std::ptrdiff_t>(state().pending.size());
}

std::string WeakObjectSet::repr() const { return set().repr(); }

WeakObjectSet::Cursor::Cursor(const WeakObjectSet& s) : data_(&s.set()), pass_(s) {
  pass_.start(data_->size());
}

bool WeakObjectSet::Cursor::next(Ref<Object>& item) {
  Ref<Object> wr;
  while (true) {
    pass_.check_size(data_->size(), "Set changed size during iteration");
    if (!data_->next(pass_.pos, wr)) return false;
    item = static_cast<const ReferenceType&>(*wr).lock();
    if (item) return true;
  }
}

}  // namespace gclab::weakref::detail
