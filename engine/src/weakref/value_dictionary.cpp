#include "gclab/weakref/value_dictionary.hpp"

#include <fmt/format.h>

namespace gclab::weakref::detail {

namespace {

/// _remove_dead_weakref: drops d[key] only if it still holds a dead weak reference (the key may
/// have been given a new, live value since).
void remove_dead(Dict& data, const Ref<Object>& key) {
  Ref<Object> wr = data.get(key, nullptr);
  if (wr && !static_cast<ReferenceType&>(*wr).referent()) data.erase(key);
}

}  // namespace

WeakValueMap::WeakValueMap() : data_(make<Dict>()), state_(std::make_shared<RemovalState>()) {
  std::weak_ptr<RemovalState> selfref = state_;
  Dict* data = data_.get();
  remove_ = [selfref, data](const Ref<ReferenceType>& wr) {
    auto state = selfref.lock();
    if (!state) return;  // the dictionary is gone
    const Ref<Object>& key = static_cast<KeyedRef&>(*wr).key;
    if (state->iterating) {
      state->pending.push_back(key);
    } else {
      remove_dead(*data, key);
    }
  };
}

// The KeyedRefs may outlive the dictionary (valuerefs() hands them out): dropping the state
// disarms their callbacks.
WeakValueMap::~WeakValueMap() = default;

void WeakValueMap::commit_removals() const {
  while (!state_->pending.empty()) {
    Ref<Object> key = std::move(state_->pending.back());
    state_->pending.pop_back();
    remove_dead(*data_, key);
  }
}

void WeakValueMap::set(Ref<Object> key, const Ref<Object>& value) {
  commit_removals();
  if (!value) throw TypeError("cannot create weak reference to 'NoneType' object");
  if (!value->type().weakrefable) {
    throw TypeError(fmt::format("cannot create weak reference to '{}' object", value->type().name));
  }
  Ref<Object> keyed = make<KeyedRef>(*value, remove_, key);
  data_->set(std::move(key), std::move(keyed));
}

Ref<Object> WeakValueMap::get(const Ref<Object>& key) const {
  commit_removals();
  Ref<Object> value = static_cast<ReferenceType&>(*data_->get(key)).lock();
  if (!value) throw KeyError(key->repr());
  return value;
}

Ref<Object> WeakValueMap::get(const Ref<Object>& key, Ref<Object> fallback) const {
  commit_removals();
  Ref<Object> wr = data_->get(key, nullptr);
  Ref<Object> value = wr ? static_cast<ReferenceType&>(*wr).lock() : nullptr;
  return value ? value : fallback;
}

bool WeakValueMap::contains(const Ref<Object>& key) const {
  return static_cast<bool>(get(key, nullptr));
}

void WeakValueMap::erase(const Ref<Object>& key) {
  commit_removals();
  data_->erase(key);
}

Ref<Object> WeakValueMap::pop(const Ref<Object>& key) {
  Ref<Object> value = pop(key, nullptr);
  if (!value) throw KeyError(key->repr());
  return value;
}

Ref<Object> WeakValueMap::pop(const Ref<Object>& key, Ref<Object> fallback) {
  commit_removals();
  if (!data_->contains(key)) return fallback;
  Ref<Object> value = static_cast<ReferenceType&>(*data_->pop(key)).lock();
  return value ? value : fallback;
}

Ref<Object> WeakValueMap::setdefault(const Ref<Object>& key, const Ref<Object>& fallback) {
  if (Ref<Object> value = get(key, nullptr)) return value;
  set(key, fallback);
  return fallback;
}

std::ptrdiff_t WeakValueMap::size() const {
  commit_removals();
  return data_->size();
}

Ref<List> WeakValueMap::valuerefs() const {
  commit_removals();
  auto refs = make<List>();
  for (const auto& entry : data_->items()) refs->append(entry.value);
  return refs;
}

std::string WeakValueMap::repr(std::string_view class_name) const {
  return fmt::format("<{} at {}>", class_name, fmt::ptr(this));
}

WeakValueMap::Cursor::Cursor(const WeakValueMap& map)
    : map_(&map),
      guard_((map.commit_removals(), map.state_), [m = &map] { m->commit_removals(); }),
      expected_size_(map.data_->size()) {}

bool WeakValueMap::Cursor::next(Ref<Object>& key, Ref<Object>& value) {
  Dict::Entry entry;
  while (true) {
    if (map_->data_->size() != expected_size_) {
      throw RuntimeError("dictionary changed size during iteration");
    }
    if (!map_->data_->next(pos_, entry)) return false;
    value = static_cast<ReferenceType&>(*entry.value).lock();
    if (value) {
      key = std::move(entry.key);
      return true;
    }
  }
}

}  // namespace gclab::weakref::detail
