#include "gclab/detail/hash_index.hpp"

#include <stdexcept>

namespace gclab::detail {

namespace {
constexpr std::size_t kMinSlots = 8;
constexpr int kPerturbShift = 5;

bool same_key(const Object* stored, const Object* key) {
  return stored == key || stored->equals(*key);
}
}  // namespace

std::optional<std::size_t> HashIndex::find_slot(const Object* key, std::size_t hash) const {
  if (used_ == 0) return std::nullopt;
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  std::size_t perturb = hash;
  while (true) {
    const std::uint32_t entry = slots_[i];
    if (entry == kEmpty) return std::nullopt;
    if (entry != kDummy) {
      const Entry& e = entries_[entry];
      if (e.hash == hash && same_key(e.key, key)) return i;
    }
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
}

std::optional<std::size_t> HashIndex::find(const Object* key, std::size_t hash) const {
  if (const auto slot = find_slot(key, hash)) return slots_[*slot];
  return std::nullopt;
}

// Dummies are not reused (CPython 3.11's insertdict neither): they count toward the load limit,
// and the next rebuild drops them.
void HashIndex::place(std::size_t hash, std::uint32_t entry) noexcept {
  const std::size_t mask = slots_.size() - 1;
  std::size_t i = hash & mask;
  std::size_t perturb = hash;
  while (slots_[i] != kEmpty) {
    perturb >>= kPerturbShift;
    i = (i * 5 + perturb + 1) & mask;
  }
  slots_[i] = entry;
}

void HashIndex::append(const Object* key, std::size_t hash) {
  if (entries_.size() >= kDummy) throw std::length_error("too many entries for a dict or set");
  // Keep at most 2/3 of the slots filled (live or dummy), so probe sequences stay short.
  if (3 * (filled_ + 1) > 2 * slots_.size()) rebuild(used_ + 1);
  entries_.push_back({hash, key});
  place(hash, static_cast<std::uint32_t>(entries_.size() - 1));
  ++used_;
  ++filled_;
}

std::optional<std::size_t> HashIndex::erase(const Object* key, std::size_t hash) {
  const auto slot = find_slot(key, hash);
  if (!slot) return std::nullopt;
  const std::uint32_t entry = slots_[*slot];
  slots_[*slot] = kDummy;
  entries_[entry].key = nullptr;
  --used_;
  return entry;
}

void HashIndex::compact() {
  if (used_ == entries_.size()) return;
  std::size_t kept = 0;
  for (const Entry& e : entries_) {
    if (e.key) entries_[kept++] = e;
  }
  entries_.resize(kept);
  rebuild(used_);
}

void HashIndex::clear() noexcept {
  slots_ = {};
  entries_ = {};
  used_ = filled_ = 0;
}

void HashIndex::rebuild(std::size_t min_used) {
  std::size_t size = kMinSlots;
  // A power of two of more than 3x the live keys (CPython's GROWTH_RATE), so that they can
  // double before the next rebuild.
  while (3 * min_used > size) size *= 2;
  slots_.assign(size, kEmpty);
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (entries_[i].key) place(entries_[i].hash, static_cast<std::uint32_t>(i));
  }
  filled_ = used_;
}

}  // namespace gclab::detail
