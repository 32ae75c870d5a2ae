// tuple and list.
#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "builtins/repr_guard.hpp"
#include "gc/state.hpp"
#include "gclab/builtins/list.hpp"
#include "gclab/builtins/tuple.hpp"

namespace gclab {

namespace {

std::string join_reprs(std::span<const Ref<Object>> items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += items[i] ? items[i]->repr() : "None";
  }
  return out;
}

bool items_equal(std::span<const Ref<Object>> a, std::span<const Ref<Object>> b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const Ref<Object>& x, const Ref<Object>& y) {
                      return x.get() == y.get() || (x && y && x->equals(*y));
                    });
}

std::size_t normalize_index(std::ptrdiff_t i, std::size_t size, const char* what) {
  const auto n = static_cast<std::ptrdiff_t>(size);
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw IndexError(fmt::format("{} index out of range", what));
  return static_cast<std::size_t>(i);
}

}  // namespace

// --- tuple -------------------------------------------------------------------------------------

Ref<Object> Tuple::operator[](std::ptrdiff_t i) const {
  return items_[normalize_index(i, items_.size(), "tuple")];
}

void Tuple::traverse(Visitor& v) { v.visit_items(items_); }

std::string Tuple::repr() const {
  const detail::ReprGuard guard(this);
  if (guard.reentered()) return "(...)";
  // fmt rather than "(" + s + ")": GCC 12 -O3 warns (-Wrestrict) on the latter, wrongly.
  return items_.size() == 1 ? fmt::format("({},)", join_reprs(items_))
                            : fmt::format("({})", join_reprs(items_));
}

std::size_t Tuple::hash() const {
  std::size_t h = 0x345678;
  for (const auto& item : items_) h = (h ^ (item ? item->hash() : 0)) * 1000003;
  return h;
}

bool Tuple::equals(const Object& other) const {
  const auto* t = detail::exact_cast<Tuple>(other);
  return t && items_equal(items_, t->items_);
}

Ref<Tuple> tuple(std::initializer_list<Ref<Object>> items) {
  if (items.size() == 0) {
    // `()` is a singleton that is never tracked, as CPython 3.11's empty tuple. (CPython allocates
    // it statically; here its one allocation counts once in generation 0, on first use.)
    static Tuple* const empty = [] {
      Tuple* t = make<Tuple>(std::vector<Ref<Object>>{}).release();
      detail::gc_untrack(t);
      return t;
    }();
    return Ref<Tuple>::borrow(empty);
  }
  return make<Tuple>(std::vector<Ref<Object>>(items));
}

// --- list --------------------------------------------------------------------------------------

std::size_t List::checked_index(std::ptrdiff_t i, const char* what) const {
  return normalize_index(i, items_.size(), what);
}

Ref<Object>& List::operator[](std::ptrdiff_t i) { return items_[checked_index(i, "list")]; }
const Ref<Object>& List::operator[](std::ptrdiff_t i) const {
  return items_[checked_index(i, "list")];
}

void List::extend(const List& other) {
  // Copy first: `l.extend(l)` must not read the vector it is growing.
  detail::Storage<Ref<Object>> added(other.items_);
  items_.insert(items_.end(), std::make_move_iterator(added.begin()),
                std::make_move_iterator(added.end()));
}

void List::insert(std::ptrdiff_t index, Ref<Object> item) {
  const auto n = size();
  if (index < 0) index = std::max<std::ptrdiff_t>(0, index + n);
  index = std::min(index, n);
  items_.insert(items_.begin() + index, std::move(item));
}

Ref<Object> List::pop(std::ptrdiff_t index) {
  if (items_.empty()) throw IndexError("pop from empty list");
  const std::size_t i = checked_index(index, "pop");
  Ref<Object> item = std::move(items_[i]);
  items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
  return item;
}

void List::clear() {
  // The items leave the list before any of them is released, last first: a finalizer run by a
  // release sees an empty list, as in CPython's _list_clear.
  detail::Storage<Ref<Object>> dropped;
  dropped.swap(items_);
  while (!dropped.empty()) dropped.pop_back();
}

bool List::contains(const Ref<Object>& item) const {
  return std::any_of(items_.begin(), items_.end(), [&](const Ref<Object>& x) {
    return x.get() == item.get() || (x && item && x->equals(*item));
  });
}

void List::traverse(Visitor& v) { v.visit_items(items_); }

std::string List::repr() const {
  const detail::ReprGuard guard(this);
  if (guard.reentered()) return "[...]";
  return fmt::format("[{}]", join_reprs(items_));
}
std::size_t List::hash() const { throw TypeError("unhashable type: 'list'"); }
bool List::equals(const Object& other) const {
  const auto* l = detail::exact_cast<List>(other);
  return l && items_equal(items_, l->items_);
}

Ref<List> list(std::initializer_list<Ref<Object>> items) {
  return make<List>(std::vector<Ref<Object>>(items));
}

Ref<List> operator*(const Ref<List>& l, std::ptrdiff_t n) {
  std::vector<Ref<Object>> items;
  if (n > 0) {
    items.reserve(static_cast<std::size_t>(l->size() * n));
    for (std::ptrdiff_t k = 0; k < n; ++k) items.insert(items.end(), l->begin(), l->end());
  }
  return make<List>(std::move(items));
}

}  // namespace gclab
