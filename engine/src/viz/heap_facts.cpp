#include "viz/heap_facts.hpp"

#include <fmt/format.h>

#include <deque>

#include "gc/state.hpp"
#include "gclab/builtins/dict.hpp"
#include "gclab/builtins/float.hpp"
#include "gclab/builtins/int.hpp"
#include "gclab/builtins/list.hpp"
#include "gclab/builtins/str.hpp"
#include "gclab/builtins/tuple.hpp"
#include "gclab/weakref.hpp"

namespace gclab::viz::detail {

namespace {

using gclab::detail::GcHeader;
using gclab::detail::gcstate;

/// Collects an object's references with the names traverse() gives them.
class NamingVisitor final : public Visitor {
 public:
  explicit NamingVisitor(bool fold_weak) : Visitor(/*clears=*/false, /*wants_names=*/true), fold_weak_(fold_weak) {}
  std::vector<Reference> found;
  /// Overrides the field names: a sequence's index for each slot, in order.
  bool number_slots = false;

 private:
  void inspect(Object* op) override {
    std::string label = number_slots ? fmt::format("[{}]", index_) : std::string(field());
    ++index_;
    if (!op->type().is_gc) return;
    if (fold_weak_ && op->type().is_weakref) {
      found.push_back({static_cast<const weakref::ReferenceType*>(op)->referent(), std::move(label), true});
    } else {
      found.push_back({op, std::move(label), false});
    }
  }
  bool fold_weak_;
  std::size_t index_ = 0;
};

/// subtract_refs' count, on a private table instead of the GC headers.
class CountingVisitor final : public Visitor {
 public:
  explicit CountingVisitor(std::unordered_map<const Object*, std::ptrdiff_t>& refs) : refs_(refs) {}

 private:
  void inspect(Object* op) override {
    if (auto it = refs_.find(op); it != refs_.end()) --it->second;
  }
  std::unordered_map<const Object*, std::ptrdiff_t>& refs_;
};

/// move_unreachable's propagation, on the private table: reachable is refs > 0.
class ReachVisitor final : public Visitor {
 public:
  ReachVisitor(std::unordered_map<const Object*, std::ptrdiff_t>& refs,
               std::deque<const Object*>& queue)
      : refs_(refs), queue_(queue) {}

 private:
  void inspect(Object* op) override {
    auto it = refs_.find(op);
    if (it == refs_.end() || it->second > 0) return;
    it->second = 1;
    queue_.push_back(op);
  }
  std::unordered_map<const Object*, std::ptrdiff_t>& refs_;
  std::deque<const Object*>& queue_;
};

Object& mutable_object(const Object& op) {
  // traverse() is not const because the clearing visitor empties slots; these visitors only read.
  return const_cast<Object&>(op);
}

/// A dict key as a label: the repr of a built-in atom (engine code), else "value" -- a user
/// class's repr is user code.
std::string key_label(const Object& key) {
  if (dynamic_cast<const Str*>(&key) || dynamic_cast<const Int*>(&key) || dynamic_cast<const Float*>(&key)) {
    return key.repr();
  }
  return "value";
}

}  // namespace

std::vector<Reference> references_of(const Object& op, bool fold_weak) {
  if (!op.type().is_gc) return {};
  if (const auto* dict = dynamic_cast<const Dict*>(&op)) {
    std::vector<Reference> found;
    for (const auto& [key, value] : dict->items()) {
      if (key->type().is_gc) found.push_back({key.get(), "key", false});
      if (value->type().is_gc) {
        const bool weak = fold_weak && value->type().is_weakref;
        found.push_back({weak ? static_cast<const weakref::ReferenceType&>(*value).referent() : value.get(),
                         key_label(*key), weak});
      }
    }
    return found;
  }
  NamingVisitor names(fold_weak);
  names.number_slots = dynamic_cast<const List*>(&op) || dynamic_cast<const Tuple*>(&op);
  mutable_object(op).traverse(names);
  return std::move(names.found);
}

HeapFacts::HeapFacts() {
  auto& st = gcstate();
  const auto note = [&](GcHeader* head, int generation) {
    for (GcHeader* gc = head->next(); gc != head; gc = gc->next()) {
      generation_[gc->object()] = generation;
      tracked_.push_back(gc->object());
    }
  };
  for (int i = 0; i < gc::kNumGenerations; ++i) note(st.gen_head(i), i);
  note(&st.permanent, kPermanent);
  find_garbage();
}

int HeapFacts::generation(const Object* op) const {
  const auto it = generation_.find(op);
  return it == generation_.end() ? kUntracked : it->second;
}

const std::vector<HeapFacts::Referrer>& HeapFacts::referrers(const Object* op) const {
  // Built on the first question: only show_backrefs asks, and it costs a labelled walk of every
  // tracked object's references.
  if (!referrers_) {
    referrers_.emplace();
    for (const Object* holder : tracked_) {
      for (auto& ref : references_of(*holder)) {
        if (ref.target) (*referrers_)[ref.target].push_back({holder, std::move(ref.label), ref.weak});
      }
    }
  }
  static const std::vector<Referrer> none;
  const auto it = referrers_->find(op);
  return it == referrers_->end() ? none : it->second;
}

// The collector's own question, asked without touching its headers: gc_refs = refcount minus
// the references from other examined objects (gens 0-2; frozen objects count as outside);
// what is reachable from an object with gc_refs > 0 survives, the rest is garbage.
void HeapFacts::find_garbage() {
  std::unordered_map<const Object*, std::ptrdiff_t> refs;
  for (const Object* op : tracked_) {
    if (generation(op) != kPermanent) refs[op] = op->refcount();
  }
  CountingVisitor count(refs);
  for (const auto& [op, gc_refs] : refs) mutable_object(*op).traverse(count);
  std::deque<const Object*> queue;
  for (const auto& [op, gc_refs] : refs) {
    if (gc_refs > 0) queue.push_back(op);
  }
  ReachVisitor reach(refs, queue);
  while (!queue.empty()) {
    const Object* op = queue.front();
    queue.pop_front();
    mutable_object(*op).traverse(reach);
  }
  for (const auto& [op, gc_refs] : refs) {
    if (gc_refs <= 0) garbage_.insert(op);
  }
}

}  // namespace gclab::viz::detail
