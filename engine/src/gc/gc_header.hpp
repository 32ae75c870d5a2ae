// The GC header that precedes every object of a GC-capable type, after CPython's PyGC_Head.
//
// Two words, read and written only through the accessors below:
//
//   next_  The next header in the object's generation list; 0 while the object is untracked
//          (so "tracked" is "next_ != 0").
//   prev_  Bit 0, kPrevMaskFinalized: finalize() has run. Set by finalize_garbage or by a
//          refcount death; never cleared, so a finalizer runs at most once (PEP 442).
//          Bit 1, kPrevMaskCollecting: the object is in the set being collected. Set by
//          update_refs (or update_and_subtract_refs); cleared by move_unreachable for reachable
//          objects, by move_legacy_finalizers, and when a survivor leaves delete_garbage.
//          Bit 2, kPrevMaskFrozen: the object is in the permanent generation (gc.freeze()), so a
//          full collection, which examines every other tracked object, can tell it apart.
//          Bit 3, kPrevMaskUnreachable: move_unreachable put the object in its `unreachable`
//          list (CPython marks the next word: there its prev word holds gc_refs alone). Set only
//          with COLLECTING, cleared with it, so it needs no walk of its own to remove.
//          Bits 4..63: the previous header in the list, except from update_refs until
//          move_unreachable (for the examined objects) where they hold gc_refs: the object's
//          reference count minus the references from other examined objects.
#pragma once

#include <cstddef>
#include <cstdint>

#include "gclab/detail/runtime.hpp"
#include "gclab/object.hpp"

namespace gclab::detail {

class alignas(16) GcHeader {
 public:
  static constexpr std::uintptr_t kPrevMaskFinalized = 1;
  static constexpr std::uintptr_t kPrevMaskCollecting = 2;
  static constexpr std::uintptr_t kPrevMaskFrozen = 4;
  static constexpr std::uintptr_t kPrevMaskUnreachable = 8;
  static constexpr int kPrevShift = 4;
  static constexpr std::uintptr_t kPrevMask = ~std::uintptr_t{0} << kPrevShift;

  static GcHeader* of(const Object* op) noexcept {
    return reinterpret_cast<GcHeader*>(const_cast<Object*>(op)) - 1;
  }
  Object* object() noexcept { return reinterpret_cast<Object*>(this + 1); }

  // --- list links -------------------------------------------------------------------------
  GcHeader* next() const noexcept { return reinterpret_cast<GcHeader*>(next_); }
  void set_next(GcHeader* n) noexcept { next_ = reinterpret_cast<std::uintptr_t>(n); }
  GcHeader* prev() const noexcept { return reinterpret_cast<GcHeader*>(prev_ & kPrevMask); }
  /// Keeps the flag bits.
  void set_prev(GcHeader* p) noexcept {
    prev_ = (prev_ & ~kPrevMask) | reinterpret_cast<std::uintptr_t>(p);
  }
  /// For a list head, which has no flags: a plain store, where set_prev reads the word first.
  void set_head_prev(GcHeader* p) noexcept { prev_ = reinterpret_cast<std::uintptr_t>(p); }
  bool is_tracked() const noexcept { return next_ != 0; }
  /// Links a header that has never been tracked (no flags yet): plain stores.
  void link_new(GcHeader* prev, GcHeader* next) noexcept {
    prev_ = reinterpret_cast<std::uintptr_t>(prev);
    next_ = reinterpret_cast<std::uintptr_t>(next);
  }
  /// Forgets the links and COLLECTING, keeps FINALIZED (as read by the caller before it relinked
  /// the neighbours): what untracking leaves behind.
  void mark_untracked(bool finalized) noexcept {
    next_ = 0;
    prev_ = finalized ? kPrevMaskFinalized : 0;
  }

  // --- flags ---------------------------------------------------------------------------------
  bool is_finalized() const noexcept { return (prev_ & kPrevMaskFinalized) != 0; }
  void set_finalized() noexcept { prev_ |= kPrevMaskFinalized; }
  bool is_collecting() const noexcept { return (prev_ & kPrevMaskCollecting) != 0; }
  /// Clears COLLECTING, and the unreachable mark that only goes with it.
  void clear_collecting() noexcept { prev_ &= ~(kPrevMaskCollecting | kPrevMaskUnreachable); }
  bool is_marked_unreachable() const noexcept { return (prev_ & kPrevMaskUnreachable) != 0; }
  void set_unreachable_mark() noexcept { prev_ |= kPrevMaskUnreachable; }
  void clear_unreachable_mark() noexcept { prev_ &= ~kPrevMaskUnreachable; }
  bool is_frozen() const noexcept { return (prev_ & kPrevMaskFrozen) != 0; }
  void set_frozen(bool frozen) noexcept {
    prev_ = (prev_ & ~kPrevMaskFrozen) | (frozen ? kPrevMaskFrozen : 0);
  }

  // --- gc_refs (update_refs .. move_unreachable) -----------------------------------------------
  std::ptrdiff_t refs() const noexcept { return static_cast<std::ptrdiff_t>(prev_ >> kPrevShift); }
  void set_refs(std::ptrdiff_t refs) noexcept {
    prev_ = (prev_ & ~kPrevMask) | (static_cast<std::uintptr_t>(refs) << kPrevShift);
  }
  /// Starts a collection for this object: refs = count, COLLECTING set, FINALIZED kept.
  void reset_refs(std::ptrdiff_t refs) noexcept {
    prev_ = (prev_ & kPrevMaskFinalized) | kPrevMaskCollecting |
            (static_cast<std::uintptr_t>(refs) << kPrevShift);
  }
  void decrement_refs() noexcept { prev_ -= std::uintptr_t{1} << kPrevShift; }

  /// A list head (sentinel) links to itself.
  void init_as_list_head() noexcept {
    next_ = prev_ = reinterpret_cast<std::uintptr_t>(this);
  }

 private:
  std::uintptr_t next_ = 0;
  std::uintptr_t prev_ = 0;
};

static_assert(sizeof(GcHeader) == kGcHeaderSize, "two words, like PyGC_Head");
static_assert(alignof(GcHeader) >= 16, "the flag bits of prev_ need 16-byte-aligned headers");

}  // namespace gclab::detail
