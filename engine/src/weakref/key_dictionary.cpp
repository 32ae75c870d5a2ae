#include "gclab/weakref/key_dictionary.hpp"

#include <fmt/format.h>

namespace gclab::weakref::detail {

namespace {
/// ref(key): the key's shared callback-less weak reference, which equals (and hashes like) the
/// ContainerRef stored in the dict while the key lives -- how Lib/weakref.py looks keys up.
Ref<Object> lookup_ref(const Ref<Object>& key) { return new_ref(key.get()); }
}  // namespace

WeakKeyMap::WeakKeyMap() : WeakContainer(make<Dict>(), &WeakKeyMap::remove) {}

void WeakKeyMap::remove(RemovalState& state, ReferenceType& wr) {
  auto& data = static_cast<Dict&>(*state.data);
  Ref<Object> key = Ref<Object>::borrow(&wr);
  if (data.contains(key)) data.erase(key);
}

void WeakKeyMap::set(const Ref<Object>& key, Ref<Object> value) {
  Ref<Object> wr = lookup_ref(key);
  if (dict().contains(wr)) {
    dict().set(wr, std::move(value));  // the stored ContainerRef stays the key
    return;
  }
  dict().set(make<ContainerRef>(*key, state()), std::move(value));
}

Ref<Object> WeakKeyMap::get(const Ref<Object>& key) const { return dict().get(lookup_ref(key)); }

Ref<Object> WeakKeyMap::get(const Ref<Object>& key, Ref<Object> fallback) const {
  return dict().get(lookup_ref(key), std::move(fallback));
}

bool WeakKeyMap::contains(const Ref<Object>& key) const {
  if (!key || !key->type().weakrefable) return false;
  return dict().contains(lookup_ref(key));
}

void WeakKeyMap::erase(const Ref<Object>& key) { dict().erase(lookup_ref(key)); }

Ref<Object> WeakKeyMap::pop(const Ref<Object>& key) { return dict().pop(lookup_ref(key)); }

Ref<Object> WeakKeyMap::setdefault(const Ref<Object>& key, Ref<Object> fallback) {
  if (contains(key)) return get(key);
  set(key, fallback);
  return fallback;
}

std::ptrdiff_t WeakKeyMap::size() const {
  commit_removals();
  return dict().size();
}

Ref<List> WeakKeyMap::keyrefs() const {
  commit_removals();
  auto refs = make<List>();
  for (const auto& entry : dict().items()) refs->append(entry.key);
  return refs;
}

std::string WeakKeyMap::repr() const { return fmt::format("<WeakKeyDictionary at {}>", fmt::ptr(this)); }

}  // namespace gclab::weakref::detail
