// dict and set.
#include <fmt/format.h>

#include "builtins/repr_guard.hpp"
#include "gc/state.hpp"
#include "gclab/builtins/dict.hpp"
#include "gclab/builtins/set.hpp"
#include "gclab/builtins/str.hpp"

namespace gclab {

namespace {

std::string repr_or_none(const Ref<Object>& o) { return o ? o->repr() : "None"; }

const Object* require_key(const Object* key) {
  if (!key) throw TypeError("gclab dicts and sets take no empty Ref as a key");
  return key;
}

bool may_be_tracked(const Ref<Object>& o) { return o && detail::gc_may_be_tracked(o.get()); }

/// k->hash(), with a str key's cached hash read inline: the commonest key, and a virtual call
/// for every other (bench/count wvd_lookup: 11 of 91 instructions were the call).
std::size_t hash_of(const Object* k) {
  if (const Str* s = detail::exact_cast<Str>(*k)) return s->cached_hash();
  return k->hash();
}

/// The key and its hash; hashing raises TypeError for an unhashable key, even on an empty dict.
std::pair<const Object*, std::size_t> hashed(const Object* key) {
  const Object* k = require_key(key);
  return {k, hash_of(k)};
}

}  // namespace

// --- dict --------------------------------------------------------------------------------------

std::size_t Dict::set(Ref<Object> key, Ref<Object> value) {
  const Object* k = require_key(key.get());
  // The key is hashed first (PyDict_SetItem), so an unhashable key raises before the dict changes.
  const std::size_t hash = hash_of(k);
  const auto i = find(k, hash);
  // MAINTAIN_TRACKING: the first possibly-tracked key or value starts tracking the dict.
  if (!detail::gc_is_tracked(this) && (may_be_tracked(key) || may_be_tracked(value))) {
    detail::gc_track(this);
  }
  if (i) {
    entries_[*i].value.swap(value);  // the old value is released after the dict is updated
    return *i;
  }
  if (!detail::exact_cast<Str>(*k)) str_keys_only_ = false;
  index_.append(entries_, {std::move(key), std::move(value), hash});
  return entries_.size() - 1;
}

Ref<Object> Dict::get(const Ref<Object>& key) const {
  if (const Ref<Object>* value = find_value(key.get())) return *value;
  throw KeyError(key->repr());
}

Ref<Object> Dict::get(const Ref<Object>& key, Ref<Object> fallback) const {
  if (const Ref<Object>* value = find_value(key.get())) return *value;
  return fallback;
}

const Ref<Object>* Dict::find_value(const Object* key) const {
  std::size_t position = 0;
  return find_value(key, position);
}

const Ref<Object>* Dict::find_value(const Object* key, std::size_t& position) const {
  const auto [k, hash] = hashed(key);
  position = index_.locate(entries_, k, hash);
  return position == Index::kAbsent ? nullptr : &entries_[position].value;
}

bool Dict::contains(const Ref<Object>& key) const { return find_value(key.get()) != nullptr; }

void Dict::erase(const Ref<Object>& key) { pop(key); }

Ref<Object> Dict::pop(const Ref<Object>& key) {
  const auto [k, hash] = hashed(key.get());
  const auto i = index_.erase(entries_, k, hash);
  if (!i) throw KeyError(key->repr());
  return take(*i);
}

Ref<Object> Dict::take(std::size_t i) {
  Ref<Object> old_key = std::move(entries_[i].key);
  return std::move(entries_[i].value);
}

bool Dict::erase_if(const Ref<Object>& key, bool (*pred)(const Ref<Object>& value)) {
  const auto [k, hash] = hashed(key.get());
  const auto i = index_.erase_if(entries_, k, hash, [pred](const Stored& e) { return pred(e.value); });
  if (!i) return false;
  take(*i);
  return true;
}

bool Dict::erase_at(std::size_t pos, const Object* value) {
  if (pos >= entries_.size() || !entries_[pos].key || entries_[pos].value.get() != value) return false;
  index_.forget_entry();
  take(pos);
  return true;
}

void Dict::clear() {
  detail::Storage<Stored> dropped;
  dropped.swap(entries_);
  index_.clear();
  for (auto& e : dropped) {
    e.key.reset();
    e.value.reset();
  }
}

std::vector<Dict::Entry> Dict::items() const {
  std::vector<Entry> out;
  out.reserve(index_.size());
  for (const auto& e : entries_) {
    if (e.key) out.push_back({e.key, e.value});
  }
  return out;
}

bool Dict::next(std::size_t& pos, Entry& entry) const {
  while (pos < entries_.size()) {
    const Stored& e = entries_[pos++];
    if (e.key) {
      entry = {e.key, e.value};
      return true;
    }
  }
  return false;
}

void Dict::maybe_untrack() {
  if (!detail::gc_is_tracked(this)) return;
  for (const auto& e : entries_) {
    if (!e.key) continue;
    if (may_be_tracked(e.value) || (!str_keys_only_ && may_be_tracked(e.key))) return;
  }
  detail::gc_untrack(this);
}

void Dict::traverse(Visitor& v) {
  for (auto& e : entries_) {
    if (!e.key) continue;
    v.visit(e.value);
    if (!str_keys_only_) v.visit(e.key);
  }
}

std::string Dict::repr() const {
  const detail::ReprGuard guard(this);
  if (guard.reentered()) return "{...}";
  std::string out = "{";
  bool first = true;
  for (const auto& e : entries_) {
    if (!e.key) continue;
    if (!first) out += ", ";
    first = false;
    out += e.key->repr() + ": " + repr_or_none(e.value);
  }
  return out + "}";
}

std::size_t Dict::hash() const { throw TypeError("unhashable type: 'dict'"); }

bool Dict::equals(const Object& other) const {
  const auto* d = detail::exact_cast<Dict>(other);
  if (!d || d->size() != size()) return false;
  for (const auto& e : entries_) {
    if (!e.key) continue;
    auto i = d->find(e.key.get(), e.hash);
    if (!i) return false;
    const Ref<Object>& theirs = d->entries_[*i].value;
    if (theirs.get() != e.value.get() && !(theirs && e.value && theirs->equals(*e.value))) return false;
  }
  return true;
}

std::size_t Dict::storage_size() const { return entries_.capacity() * sizeof(Stored) + index_.bytes(); }

Ref<Dict> dict(std::initializer_list<std::pair<Ref<Object>, Ref<Object>>> items) {
  auto d = make<Dict>();
  for (const auto& [key, value] : items) d->set(key, value);
  return d;
}

// --- set ---------------------------------------------------------------------------------------

void Set::add(Ref<Object> item) {
  const auto [k, hash] = hashed(item.get());
  if (index_.find(items_, k, hash)) return;
  index_.append(items_, {std::move(item), hash});
}

bool Set::contains(const Ref<Object>& item) const {
  if (!item) return false;
  return index_.find(items_, item.get(), hash_of(item.get())).has_value();
}

void Set::discard(const Ref<Object>& item) {
  if (!item) return;
  const auto i = index_.erase(items_, item.get(), hash_of(item.get()));
  if (!i) return;
  Ref<Object> dropped = std::move(items_[*i].key);
}

void Set::clear() {
  detail::Storage<Stored> dropped;
  dropped.swap(items_);
  index_.clear();
  for (auto& item : dropped) item.key.reset();
}

std::vector<Ref<Object>> Set::items() const {
  std::vector<Ref<Object>> out;
  out.reserve(index_.size());
  for (const auto& item : items_) {
    if (item.key) out.push_back(item.key);
  }
  return out;
}

bool Set::next(std::size_t& pos, Ref<Object>& item) const {
  while (pos < items_.size()) {
    const Ref<Object>& candidate = items_[pos++].key;
    if (candidate) {
      item = candidate;
      return true;
    }
  }
  return false;
}

void Set::traverse(Visitor& v) {
  for (auto& item : items_) v.visit(item.key);
}

std::string Set::repr() const {
  if (index_.size() == 0) return "set()";
  const detail::ReprGuard guard(this);
  if (guard.reentered()) return "set(...)";
  std::string out = "{";
  bool first = true;
  for (const auto& item : items_) {
    if (!item.key) continue;
    if (!first) out += ", ";
    first = false;
    out += item.key->repr();
  }
  return out + "}";
}

std::size_t Set::hash() const { throw TypeError("unhashable type: 'set'"); }

bool Set::equals(const Object& other) const {
  const auto* s = detail::exact_cast<Set>(other);
  if (!s || s->size() != size()) return false;
  for (const auto& item : items_) {
    if (item.key && !s->index_.find(s->items_, item.key.get(), item.hash)) return false;
  }
  return true;
}

std::size_t Set::storage_size() const { return items_.capacity() * sizeof(Stored) + index_.bytes(); }

Ref<Set> set(std::initializer_list<Ref<Object>> items) {
  auto s = make<Set>();
  for (const auto& item : items) s->add(item);
  return s;
}

}  // namespace gclab
