// The one traversal interface: a class lists its strong references by calling `visit` on each
// `Ref` field in `traverse()`. The collector uses that list to count internal references
// (CPython's tp_traverse) and, with a clearing visitor, to break cycles (tp_clear).
//
// Example:
//   struct Node : gclab::Object {
//     gclab::Ref<Node> left, right;
//     void traverse(gclab::Visitor& v) override { v.visit(left, right); }
//   };
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace gclab {

class Object;
template <class T> class Ref;
namespace detail {
class DeathStack;
}

/// Specialize for a handle type that is not a Ref but holds one (weakref::ref, weakref::proxy):
/// `static Ref<X>& slot(H&)` returns the strong slot inside it.
template <class H>
struct TraverseAs;

class Visitor {
 public:
  /// Visits every listed slot: each a `Ref<T>`, a `std::optional` or `std::vector` of them.
  template <class... Slots>
  void visit(Slots&... slots) {
    (visit_one(slots), ...);
  }
  /// visit() with the slots' names as written in the source ("left, right": what GCLAB_TRAVERSE
  /// passes), for visitors that label what they see (gclab::viz draws them on the edges).
  template <class... Slots>
  void visit_named(std::string_view names, Slots&... slots) {
    if (wants_names_) [[unlikely]] return visit_naming(names, slots...);
    visit(slots...);
  }
  /// Visits a sequence's items (Ref slots), last first: list_traverse's and tupletraverse's
  /// order. An inspecting visitor (every pass of a collection) is told apart once for the whole
  /// run rather than at each item.
  template <class Items>
  void visit_items(Items& items) {
#if !GCLAB_CHECKED
    if (!clears_) {
      for (auto it = items.rbegin(); it != items.rend(); ++it) {
        if (*it) inspect(it->get());
      }
      return;
    }
#endif
    for (auto it = items.rbegin(); it != items.rend(); ++it) visit_one(*it);
  }

 protected:
  /// Inspecting visitors (refcount bookkeeping, get_referents) only read the slot.
  constexpr explicit Visitor(bool clears = false, bool wants_names = false)
      : clears_(clears), wants_names_(wants_names) {}
  /// A clearing visitor that takes, rather than drops, every reference that is the last one to a
  /// GC object: the slot is emptied and the referent pushed onto `taken`, still counted, for the
  /// caller to release in order (refcount death's explicit stack, see runtime.cpp).
  constexpr explicit Visitor(detail::DeathStack& taken)
      : clears_(true), wants_names_(false), taken_(&taken) {}
  ~Visitor() = default;
  virtual void inspect(Object* referent) = 0;
  /// In inspect(), for a visitor made with wants_names: the name of the slot being visited, or
  /// empty when the traverse() did not name its slots.
  std::string_view field() const noexcept { return field_; }
  /// A slot's address, for the checked build's "did traverse() visit every field" test.
  virtual void note_slot(const void*) {}

 private:
  template <class T>
  void visit_one(Ref<T>& slot) {
#if GCLAB_CHECKED
    // Only the checked build asks "did traverse() visit every field"; elsewhere it would be a
    // virtual call per slot in every collection.
    note_slot(&slot);
#endif
    if (!slot) return;
    // Py_CLEAR order: the slot is empty before the referent's count drops, so code run by that
    // decref (a finalizer) never sees a dangling field.
    if (clears_) return release_cleared(slot.release());
    inspect(slot.get());
  }
  // Out of line, with the naming below: a traverse() then inlines only the tests and the calls,
  // and needs no stack frame of its own when its slots are empty (a collection calls it for
  // every object, up to three times).
  void release_cleared(Object* referent) noexcept;
  template <class... Slots>
  [[gnu::noinline]] void visit_naming(std::string_view names, Slots&... slots) {
    std::size_t i = 0;
    ((field_ = nth_field_name(names, i++), visit_one(slots)), ...);
    field_ = {};
  }
  template <class T>
  void visit_one(std::optional<T>& slot) {
    if (slot) visit_one(*slot);
  }
  template <class T>
  void visit_one(std::vector<T>& slots) {
    for (auto& s : slots) visit_one(s);
  }
  template <class H>
    requires requires(H& h) { TraverseAs<H>::slot(h); }
  void visit_one(H& handle) {
    visit_one(TraverseAs<H>::slot(handle));
  }
  /// A plain C++ member that holds references itself (a weakref::WeakSet, say) lists them in its
  /// own traverse(Visitor&).
  template <class M>
    requires requires(M& m, Visitor& v) { m.traverse(v); }
  void visit_one(M& member) {
    member.traverse(*this);
  }
  template <class T>
  void visit_one(T&) {
    static_assert(sizeof(T) == 0, "Visitor::visit takes Ref<T> fields (or optional/vector of them)");
  }

  /// The i-th name of a comma-separated list, trimmed ("b" for "a, b" and 1).
  static std::string_view nth_field_name(std::string_view names, std::size_t i) noexcept;

  bool clears_;
  bool wants_names_;
  detail::DeathStack* taken_ = nullptr;
  std::string_view field_;
};

}  // namespace gclab
