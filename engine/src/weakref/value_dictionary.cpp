#include "gclab/weakref/value_dictionary.hpp"

#include "weakref/weaklist.hpp"

#include <fmt/format.h>

namespace gclab::weakref::detail {

namespace {

const ReferenceType& as_ref(const Ref<Object>& wr) { return static_cast<const ReferenceType&>(*wr); }

// Out of line: inlined into every d[key], building the message took registers from the lookup.
[[noreturn, gnu::cold, gnu::noinline]] void raise_key_error(const Object* key) {
  throw KeyError(key->repr());
}

}  // namespace

WeakValueMap::WeakValueMap() : WeakContainer(make<Dict>(), &WeakValueMap::remove) {}

// _remove_dead_weakref: drops d[key] only if it still holds a dead weak reference (the key may
// have been given a new, live value since).
// The entry is first looked for where it was put: still there (no resize since) and holding this
// very weak reference, it is the one to drop, found without the index's random access.
void WeakValueMap::remove(RemovalState& state, ReferenceType& wr) {
  auto& keyed = static_cast<KeyedRef&>(wr);
  Dict& data = static_cast<Dict&>(*state.data);
  if (data.erase_at(keyed.position, &wr)) return;
  data.erase_if(keyed.key, [](const Ref<Object>& current) { return !as_ref(current).referent(); });
}

void WeakValueMap::set(Ref<Object> key, const Ref<Object>& value) {
  commit_removals();
  Ref<KeyedRef> keyed = make<KeyedRef>(require_weakrefable(value.get()), state(), key);
  KeyedRef& entry = *keyed;
  // A replaced KeyedRef, freed here, empties its slot before the new one fills it.
  const std::size_t pos = dict().set(std::move(key), std::move(keyed));
  if (state().referents.renumberings != dict().renumberings()) return renumber();
  entry.cache_at(pos);
}

// The dict dropped its holes: every item's KeyedRef learns its new position and the cache is
// made anew (as long as the resize itself, which walked every item).
void WeakValueMap::renumber() {
  const Dict& data = dict();
  ReferentCache& cache = state().referents;
  cache.slots.assign(static_cast<std::size_t>(data.size()), {});
  cache.renumberings = data.renumberings();
  Dict::Entry item;
  for (std::size_t next = 0; data.next(next, item);) {
    // Only ours: another value there (put by hand into the dict) never matches a slot.
    if (gclab::detail::exact_cast<KeyedRef>(*item.value)) {
      static_cast<KeyedRef&>(*item.value).cache_at(next - 1);
    }
  }
}

Ref<Object> WeakValueMap::lookup(const Object* key) const {
  commit_removals();
  const Dict& data = dict();
  std::size_t pos = 0;
  const Ref<Object>* wr = data.find_value(key, pos);
  if (!wr) return nullptr;
  // A slot naming the item's very KeyedRef holds that ref's wr_object (ContainerRef keeps it so),
  // whatever renumbering the dict went through since: a slot names only a ref whose position it
  // is at, and such a slot is the one the ref's clearing and death update.
  const gclab::detail::Storage<ReferentCache::Slot>& slots = state().referents.slots;
  if (pos < slots.size() && slots[pos].ref == wr->get()) [[likely]] {
    return Ref<Object>::borrow(ReferenceType::live(slots[pos].referent));
  }
  return as_ref(*wr).lock();
}

Ref<Object> WeakValueMap::get(const Object* key) const {
  if (Ref<Object> value = lookup(key)) return value;
  raise_key_error(key);
}

Ref<Object> WeakValueMap::get(const Object* key, Ref<Object> fallback) const {
  if (Ref<Object> value = lookup(key)) return value;
  return fallback;
}

bool WeakValueMap::contains(const Object* key) const { return static_cast<bool>(lookup(key)); }

void WeakValueMap::erase(const Ref<Object>& key) {
  commit_removals();
  dict().erase(key);
}

Ref<Object> WeakValueMap::pop(const Ref<Object>& key) {
  Ref<Object> value = pop(key, nullptr);
  if (!value) throw KeyError(key->repr());
  return value;
}

Ref<Object> WeakValueMap::pop(const Ref<Object>& key, Ref<Object> fallback) {
  commit_removals();
  if (!dict().contains(key)) return fallback;
  if (Ref<Object> value = as_ref(dict().pop(key)).lock()) return value;
  return fallback;
}

Ref<Object> WeakValueMap::setdefault(const Ref<Object>& key, const Ref<Object>& fallback) {
  if (Ref<Object> value = lookup(key.get())) return value;
  set(key, fallback);
  return fallback;
}

std::ptrdiff_t WeakValueMap::size() const {
  commit_removals();
  return dict().size();
}

Ref<List> WeakValueMap::valuerefs() const {
  commit_removals();
  auto refs = make<List>();
  for (const auto& entry : dict().items()) refs->append(entry.value);
  return refs;
}

std::string WeakValueMap::repr() const {
  return fmt::format("<WeakValueDictionary at {}>", fmt::ptr(this));
}

}  // namespace gclab::weakref::detail
