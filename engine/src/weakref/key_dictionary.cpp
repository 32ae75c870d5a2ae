#include "gclab/weakref/key_dictionary.hpp"

#include <fmt/format.h>

namespace gclab::weakref::detail {

WeakKeyMap::WeakKeyMap() : data_(make<Dict>()), state_(std::make_shared<RemovalState>()) {
  std::weak_ptr<RemovalState> selfref = state_;
  Dict* data = data_.get();
  remove_ = [selfref, data](const Ref<ReferenceType>& wr) {
    auto state = selfref.lock();
    if (!state) return;
    if (state->iterating) {
      state->pending.push_back(wr);
    } else if (data->contains(wr)) {
      data->erase(wr);
    }
  };
}

WeakKeyMap::~WeakKeyMap() = default;

void WeakKeyMap::commit_removals() const {
  while (!state_->pending.empty()) {
    Ref<Object> wr = std::move(state_->pending.back());
    state_->pending.pop_back();
    if (data_->contains(wr)) data_->erase(wr);
  }
}

// Lookups go through the key's shared callback-less weak reference, which is equal to (and
// hashes like) the callback ref stored in the dict while the key lives.
void WeakKeyMap::set(const Ref<Object>& key, Ref<Object> value) {
  data_->set(weakref::detail::new_ref(key, remove_), std::move(value));
}

Ref<Object> WeakKeyMap::get(const Ref<Object>& key) const {
  return data_->get(weakref::detail::new_ref(key, {}));
}

Ref<Object> WeakKeyMap::get(const Ref<Object>& key, Ref<Object> fallback) const {
  return data_->get(weakref::detail::new_ref(key, {}), std::move(fallback));
}

bool WeakKeyMap::contains(const Ref<Object>& key) const {
  if (!key || !key->type().weakrefable) return false;
  return data_->contains(weakref::detail::new_ref(key, {}));
}

void WeakKeyMap::erase(const Ref<Object>& key) { data_->erase(weakref::detail::new_ref(key, {})); }

Ref<Object> WeakKeyMap::pop(const Ref<Object>& key) { return data_->pop(weakref::detail::new_ref(key, {})); }

Ref<Object> WeakKeyMap::setdefault(const Ref<Object>& key, Ref<Object> fallback) {
  Ref<Object> wr = weakref::detail::new_ref(key, {});
  if (data_->contains(wr)) return data_->get(wr);
  set(key, fallback);
  return fallback;
}

std::ptrdiff_t WeakKeyMap::size() const {
  commit_removals();
  return data_->size();
}

Ref<List> WeakKeyMap::keyrefs() const {
  commit_removals();
  auto refs = make<List>();
  for (const auto& entry : data_->items()) refs->append(entry.key);
  return refs;
}

std::string WeakKeyMap::repr() const {
  return fmt::format("<WeakKeyDictionary at {}>", fmt::ptr(this));
}

WeakKeyMap::Cursor::Cursor(const WeakKeyMap& map)
    : map_(&map),
      guard_((map.commit_removals(), map.state_), [m = &map] { m->commit_removals(); }),
      expected_size_(map.data_->size()) {}

bool WeakKeyMap::Cursor::next(Ref<Object>& key, Ref<Object>& value) {
  Dict::Entry entry;
  while (true) {
    if (map_->data_->size() != expected_size_) {
      throw RuntimeError("dictionary changed size during iteration");
    }
    if (!map_->data_->next(pos_, entry)) return false;
    key = static_cast<ReferenceType&>(*entry.key).lock();
    if (key) {
      value = std::move(entry.value);
      return true;
    }
  }
}

}  // namespace gclab::weakref::detail
