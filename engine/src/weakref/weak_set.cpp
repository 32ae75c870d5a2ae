#include "gclab/weakref/weak_set.hpp"

namespace gclab::weakref::detail {

WeakObjectSet::WeakObjectSet() : data_(make<Set>()), state_(std::make_shared<RemovalState>()) {
  std::weak_ptr<RemovalState> selfref = state_;
  Set* data = data_.get();
  remove_ = [selfref, data](const Ref<ReferenceType>& wr) {
    auto state = selfref.lock();
    if (!state) return;
    if (state->iterating) {
      state->pending.push_back(wr);
    } else {
      data->discard(wr);
    }
  };
}

WeakObjectSet::~WeakObjectSet() = default;

void WeakObjectSet::commit_removals() const {
  while (!state_->pending.empty()) {
    Ref<Object> wr = std::move(state_->pending.back());
    state_->pending.pop_back();
    data_->discard(wr);
  }
}

void WeakObjectSet::add(const Ref<Object>& item) {
  commit_removals();
  if (contains(item)) return;
  data_->add(weakref::detail::new_ref(item, remove_));
}

bool WeakObjectSet::contains(const Ref<Object>& item) const {
  if (!item || !item->type().weakrefable) return false;
  return data_->contains(weakref::detail::new_ref(item, {}));
}

void WeakObjectSet::discard(const Ref<Object>& item) {
  commit_removals();
  if (item && item->type().weakrefable) data_->discard(weakref::detail::new_ref(item, {}));
}

void WeakObjectSet::remove(const Ref<Object>& item) {
  if (!contains(item)) throw KeyError(item ? item->repr() : "None");
  discard(item);
}

void WeakObjectSet::clear() {
  commit_removals();
  data_->clear();
}

std::ptrdiff_t WeakObjectSet::size() const {
  return data_->size() - static_cast<std::ptrdiff_t>(state_->pending.size());
}

std::string WeakObjectSet::repr() const { return data_->repr(); }

WeakObjectSet::Cursor::Cursor(const WeakObjectSet& set)
    : set_(&set),
      guard_(set.state_, [s = &set] { s->commit_removals(); }),
      expected_size_(set.data_->size()) {}

bool WeakObjectSet::Cursor::next(Ref<Object>& item) {
  Ref<Object> wr;
  while (true) {
    if (set_->data_->size() != expected_size_) throw RuntimeError("Set changed size during iteration");
    if (!set_->data_->next(pos_, wr)) return false;
    item = static_cast<ReferenceType&>(*wr).lock();
    if (item) return true;
  }
}

}  // namespace gclab::weakref::detail
