// gclab::gc: Python's gc module functions over the collector state.
#include <fmt/format.h>

#include <algorithm>

#include "gc/gc_list.hpp"
#include "gc/state.hpp"
#include "gclab/gc.hpp"

namespace gclab::gc {

using detail::gcstate;
using detail::GcHeader;

std::string Triple::str() const { return fmt::format("({}, {}, {})", gen0, gen1, gen2); }

std::string GenerationStats::str() const {
  return fmt::format("{{'collections': {}, 'collected': {}, 'uncollectable': {}}}", collections,
                     collected, uncollectable);
}

void enable() { gcstate().enabled = true; }
void disable() { gcstate().enabled = false; }
bool isenabled() { return gcstate().enabled; }

std::ptrdiff_t collect(int generation) {
  if (generation < 0 || generation >= kNumGenerations) throw ValueError("invalid generation");
  auto& st = gcstate();
  if (st.collecting) return 0;  // already collecting (called from a finalizer or callback)
  detail::CollectingScope collecting;
  return detail::collect_with_callback(generation);
}

Triple get_count() {
  const auto& g = gcstate().generations;
  return {g[0].count, g[1].count, g[2].count};
}

Triple get_threshold() {
  const auto& g = gcstate().generations;
  return {g[0].threshold, g[1].threshold, g[2].threshold};
}

void set_threshold(std::ptrdiff_t threshold0, std::optional<std::ptrdiff_t> threshold1,
                   std::optional<std::ptrdiff_t> threshold2) {
  auto& g = gcstate().generations;
  g[0].threshold = threshold0;
  if (threshold1) g[1].threshold = *threshold1;
  if (threshold2) g[2].threshold = *threshold2;
}

int get_debug() { return gcstate().debug; }
void set_debug(int flags) { gcstate().debug = flags; }

List& garbage() { return gcstate().garbage_list(); }
std::vector<Callback>& callbacks() { return gcstate().callbacks; }

std::vector<GenerationStats> get_stats() {
  const auto& s = gcstate().stats;
  return {s.begin(), s.end()};
}

namespace {

void append_members(GcHeader* head, List& out) {
  for (GcHeader* gc = head->next(); gc != head; gc = gc->next()) {
    Object* op = gc->object();
    if (op != &out) out.append(Ref<Object>::borrow(op));
  }
}

class CollectVisitor final : public Visitor {
 public:
  explicit CollectVisitor(List& out) : out_(out) {}
  void inspect(Object* op) override { out_.append(Ref<Object>::borrow(op)); }

 private:
  List& out_;
};

class FindVisitor final : public Visitor {
 public:
  explicit FindVisitor(std::initializer_list<Ref<Object>> targets) : targets_(targets) {}
  void inspect(Object* op) override {
    found = found || std::any_of(targets_.begin(), targets_.end(),
                                 [op](const Ref<Object>& t) { return t.get() == op; });
  }
  bool found = false;

 private:
  std::initializer_list<Ref<Object>> targets_;
};

}  // namespace

Ref<List> get_objects(std::optional<int> generation) {
  // -1 is the C-level "all generations" sentinel, accepted as CPython accepts it.
  if (generation && *generation >= kNumGenerations) {
    throw ValueError("generation parameter must be less than the number of available generations (3)");
  }
  if (generation && *generation < -1) throw ValueError("generation parameter cannot be negative");
  auto result = make<List>();
  auto& st = gcstate();
  if (generation && *generation >= 0) {
    append_members(st.gen_head(*generation), *result);
  } else {
    for (int i = 0; i < kNumGenerations; ++i) append_members(st.gen_head(i), *result);
  }
  return result;
}

Ref<List> get_referrers(std::initializer_list<Ref<Object>> objs) {
  auto result = make<List>();
  auto& st = gcstate();
  for (int i = 0; i < kNumGenerations; ++i) {
    GcHeader* head = st.gen_head(i);
    for (GcHeader* gc = head->next(); gc != head; gc = gc->next()) {
      Object* op = gc->object();
      if (op == result.get()) continue;
      FindVisitor find(objs);
      op->traverse(find);
      if (find.found) result->append(Ref<Object>::borrow(op));
    }
  }
  return result;
}

Ref<List> get_referents(std::initializer_list<Ref<Object>> objs) {
  auto result = make<List>();
  CollectVisitor collect(*result);
  for (const auto& obj : objs) {
    if (obj && obj->type().is_gc) obj->traverse(collect);
  }
  return result;
}

bool is_tracked(const Ref<Object>& obj) { return obj && detail::gc_is_tracked(obj.get()); }

bool is_finalized(const Ref<Object>& obj) {
  return obj && obj->type().is_gc && GcHeader::of(obj.get())->is_finalized();
}

namespace {

void set_frozen(GcHeader* list, bool frozen) {
  for (GcHeader* gc = list->next(); gc != list; gc = gc->next()) gc->set_frozen(frozen);
}

}  // namespace

// O(n) where CPython's are O(1): the objects are marked, for full collections (see
// update_and_subtract_refs).
void freeze() {
  auto& st = gcstate();
  for (int i = 0; i < kNumGenerations; ++i) {
    set_frozen(st.gen_head(i), true);
    detail::gc_list_merge(st.gen_head(i), &st.permanent);
    st.generations[static_cast<std::size_t>(i)].count = 0;
  }
}

void unfreeze() {
  auto& st = gcstate();
  set_frozen(&st.permanent, false);
  detail::gc_list_merge(&st.permanent, st.gen_head(kNumGenerations - 1));
}

std::ptrdiff_t get_freeze_count() { return detail::gc_list_size(&gcstate().permanent); }

}  // namespace gclab::gc
