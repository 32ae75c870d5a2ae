// The hash table behind dict and set, laid out as CPython's compact dict: a sparse table of
// 32-bit entry numbers, probed with CPython's perturbed sequence, in front of the container's own
// dense array of entries in insertion order, each of which keeps its key's hash (as
// PyDictKeyEntry does). A lookup touches one small slot and one entry: slots holding the entries
// themselves would make a table six times the size, and a separate (hash, key) array one more
// cache miss per lookup of a large dict. Keys compare by identity first, then by Python's ==.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "gclab/detail/storage.hpp"
#include "gclab/object.hpp"

namespace gclab::detail {

/// A container's entry: its key (empty: a hole left by a removal) and that key's hash.
template <class E>
concept HashedEntry = requires(const E& e) {
  { e.hash } -> std::convertible_to<std::size_t>;
  { e.key.get() } -> std::convertible_to<const Object*>;
};

/// The slots of the index: the part that does not depend on the entry type. A table not yet made
/// is one shared empty slot (as CPython's Py_EMPTY_KEYS), so that a lookup needs no test for it.
class HashSlots {
 public:
  static constexpr std::uint32_t kEmpty = 0xFFFFFFFF;  // never used (DKIX_EMPTY)
  static constexpr std::uint32_t kDummy = 0xFFFFFFFE;  // its entry was removed (DKIX_DUMMY)

  HashSlots() noexcept = default;
  HashSlots(const HashSlots&) = delete;
  HashSlots& operator=(const HashSlots&) = delete;
  ~HashSlots() { release(); }

  /// Live keys.
  std::size_t size() const noexcept { return used_; }
  std::size_t bytes() const noexcept { return owns_table() ? (mask_ + 1) * sizeof(std::uint32_t) : 0; }
  /// Forgets every entry (the caller empties its own), renumbering.
  void clear() noexcept;
  /// How many times the entries have been renumbered (by a resize that drops holes, or clear()):
  /// an entry number a caller keeps stays valid while this does not change.
  std::size_t renumberings() const noexcept { return renumberings_; }

 protected:
  /// Whether recording one more entry needs a rebuild first (at most 2/3 of the slots filled,
  /// live or dummy, so that probe sequences stay short; the shared empty slot is always full).
  bool full() const noexcept { return 3 * (filled_ + 1) > 2 * (mask_ + 1); }
  /// Empties the slots, sized for `min_used` live keys; the caller places its live entries.
  void reset(std::size_t min_used);
  void place(std::size_t hash, std::uint32_t entry) noexcept;
  /// Throws length_error once entry numbers would collide with the markers.
  static void check_room(std::size_t entries);

  /// CPython's probe sequence (perturbed by the hash's higher bits) over the slots.
  struct Probe {
    Probe(std::size_t hash, std::size_t slots_mask) noexcept
        : mask(slots_mask), i(hash & slots_mask), perturb(hash) {}
    void next() noexcept {
      perturb >>= 5;
      i = (i * 5 + perturb + 1) & mask;
    }
    std::size_t mask, i, perturb;
  };

  std::uint32_t* slots_ = no_slots();
  std::size_t mask_ = 0;    // the slots' number, less one (a power of two, less one)
  std::size_t used_ = 0;    // live keys
  std::size_t filled_ = 0;  // slots holding a live key or a dummy
  std::size_t renumberings_ = 0;

 private:
  /// The one empty slot every table starts as; never written, because full() holds for it.
  static std::uint32_t* no_slots() noexcept;
  bool owns_table() const noexcept { return slots_ != no_slots(); }
  void release() noexcept;
};

template <HashedEntry Entry>
class HashIndex : public HashSlots {
 public:
  using Entries = Storage<Entry>;

  static constexpr std::size_t kAbsent = ~std::size_t{0};

  /// The entry number of `key`, or kAbsent: a plain number, which a lookup's hot path keeps in a
  /// register (GCC spilled the flag of a std::optional).
  std::size_t locate(const Entries& entries, const Object* key, std::size_t hash) const {
    return probe(entries, key, hash, [](std::size_t, std::uint32_t entry) -> std::size_t { return entry; });
  }

  /// locate(), as an optional.
  std::optional<std::size_t> find(const Entries& entries, const Object* key, std::size_t hash) const {
    const std::size_t n = locate(entries, key, hash);
    if (n == kAbsent) return std::nullopt;
    return n;
  }

  /// Appends `entry` (whose key is not present) to `entries` and records it.
  void append(Entries& entries, Entry&& entry) {
    check_room(entries.size());
    // For the keys and the one being added: the table quadruples where CPython's doubles (a
    // dict's size changes at 6, 22, 86... keys, CPython's at 6, 11, 22, 43...). Kept sparser on
    // purpose: a collision costs a probe here an entry load (the hash is in the entry), and
    // CPython's growth measured a WeakValueDictionary lookup of 10^5 keys 10-45% slower.
    if (full()) resize(entries, used_ + 1);
    entries.push_back(std::move(entry));
    place(entries.back().hash, static_cast<std::uint32_t>(entries.size() - 1));
    ++used_;
    ++filled_;
  }

  /// Forgets `key` and returns its entry number (nullopt if absent): the caller moves the entry's
  /// key out, leaving the hole. Nothing moves on removal (CPython 3.11's delitem neither): holes
  /// and dummies count toward the load limit, and the next insertion's resize drops them.
  std::optional<std::size_t> erase(const Entries& entries, const Object* key, std::size_t hash) {
    return erase_if(entries, key, hash, [](const Entry&) { return true; });
  }

  /// Forgets an entry the caller found by its number rather than by a probe (and empties, leaving
  /// the hole): its slot keeps pointing there, and probes pass a slot whose entry is a hole as
  /// they pass a dummy. As with a dummy, the slot stays filled until the next rebuild.
  void forget_entry() noexcept { --used_; }

  /// erase() if `key` is present and its entry satisfies `pred`, in one probe.
  template <class Pred>
  std::optional<std::size_t> erase_if(const Entries& entries, const Object* key, std::size_t hash,
                                      Pred&& pred) {
    const auto slot = find_slot(entries, key, hash);
    if (!slot) return std::nullopt;
    const std::uint32_t entry = slots_[*slot];
    if (!pred(entries[entry])) return std::nullopt;
    slots_[*slot] = kDummy;
    --used_;
    return entry;
  }

 private:
  /// The slot holding `key`'s entry number, if present.
  std::optional<std::size_t> find_slot(const Entries& entries, const Object* key,
                                       std::size_t hash) const {
    const std::size_t slot = probe(entries, key, hash, [](std::size_t i, std::uint32_t) { return i; });
    if (slot == kAbsent) return std::nullopt;
    return slot;
  }

  /// CPython's lookup: follows `key`'s probe sequence to its entry and returns `found(slot,
  /// entry number)`, or kAbsent at the first empty slot.
  template <class Found>
  std::size_t probe(const Entries& entries, const Object* key, std::size_t hash, Found found) const {
    for (Probe p(hash, mask_);; p.next()) {
      const std::uint32_t n = slots_[p.i];
      if (n == kEmpty) return kAbsent;
      if (n != kDummy && matches(entries[n], key, hash)) return found(p.i, n);
    }
  }

  static bool matches(const Entry& e, const Object* key, std::size_t hash) {
    if (e.hash != hash) return false;
    const Object* stored = e.key.get();  // null: a hole whose slot was left (forget_entry)
    return stored == key || (stored && stored->equals(*key));
  }

  /// CPython's dictresize: drops the holes from `entries`, keeping the order, and rebuilds the
  /// slots for `min_used` keys. Every entry then has its slot, so the entries never outnumber
  /// 2/3 of the slots: removals leave no unbounded trail.
  void resize(Entries& entries, std::size_t min_used) {
    if (used_ != entries.size()) {
      Entries live;
      live.reserve(min_used);
      for (Entry& e : entries) {
        if (e.key) live.push_back(std::move(e));
      }
      entries.swap(live);
      ++renumberings_;
    }
    reset(min_used);
    for (std::size_t i = 0; i < entries.size(); ++i) place(entries[i].hash, static_cast<std::uint32_t>(i));
    filled_ = used_;
  }
};

}  // namespace gclab::detail
