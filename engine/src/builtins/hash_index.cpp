#include "gclab/detail/hash_index.hpp"

namespace gclab::detail {

namespace {
constexpr std::size_t kMinSlots = 8;
constexpr int kPerturbShift = 5;

bool same_key(const Object* stored, const Object* key) {
  return stored == key || stored->equals(*key);
}
}  // namespace

const Object* HashIndex::tombstone() noexcept {
  static const char marker = 0;
  return reinterpret_cast<const Object*>(&marker);
}

std::size_t HashIndex::probe(const Object* key, std::size_t hash, bool& found) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  std::size_t perturb = hash;
  std::optional<std::size_t> first_free;
  while (true) {
    const Slot& s = slots_[i];
    if (!s.key) {
      found = false;
      return first_free.value_or(i);
    }
    if (s.key == tombstone()) {
      if (!first_free) first_free = i;
    } else if (s.hash == hash && same_key(s.key, key)) {
      found = true;
      return i;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

std::optional<std::size_t> HashIndex::find(const Object* key, std::size_t hash) const {
  if (used_ == 0) return std::nullopt;
  bool found = false;
  const std::size_t i = probe(key, hash, found);
  if (!found) return std::nullopt;
  return slots_[i].index;
}

void HashIndex::insert(const Object* key, std::size_t hash, std::size_t index) {
  // Keep at most 2/3 of the slots filled, so probe sequences stay short.
  if (3 * (filled_ + 1) > 2 * slots_.size()) resize(used_ + 1);
  bool found = false;
  const std::size_t i = probe(key, hash, found);
  if (slots_[i].key != tombstone()) ++filled_;
  slots_[i] = {hash, key, index};
  ++used_;
}

bool HashIndex::erase(const Object* key, std::size_t hash) {
  if (used_ == 0) return false;
  bool found = false;
  const std::size_t i = probe(key, hash, found);
  if (!found) return false;
  slots_[i].key = tombstone();
  --used_;
  return true;
}

void HashIndex::clear() noexcept {
  slots_.clear();
  used_ = filled_ = 0;
}

void HashIndex::resize(std::size_t min_used) {
  std::size_t size = kMinSlots;
  while (3 * min_used > size) size *= 2;  // room to grow to 3x the live keys before the next resize
  Storage<Slot> old(size, Slot{0, nullptr, 0});
  old.swap(slots_);
  used_ = filled_ = 0;
  for (const Slot& s : old) {
    if (s.key && s.key != tombstone()) insert(s.key, s.hash, s.index);
  }
}

}  // namespace gclab::detail
