// Object lifetime: allocation (with the automatic collection CPython 3.11 runs inside it),
// construction checks, and refcount death with its finalizer and trashcan.
#include <cxxabi.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <new>
#include <unordered_set>
#include <utility>

#include "death_stack.hpp"
#include "gc/clear_visitor.hpp"
#include "gc/gc_list.hpp"
#include "gc/state.hpp"
#include "gclab/ref.hpp"
#include "heap/heap.hpp"
#include "weakref/weaklist.hpp"

namespace gclab::detail {

namespace {

void count_gc_deallocation() noexcept {
  std::ptrdiff_t& count = gcstate_in_use().generations[0].count;
  if (count > 0) --count;
}

/// Gives a destroyed GC object's block, header included, back.
[[gnu::always_inline]] inline void free_block(Object* op, std::size_t block_size) noexcept {
  heap::deallocate(GcHeader::of(op), block_size);
  count_gc_deallocation();
}

/// Destroys a GC object and gives its block back.
[[gnu::always_inline]] inline void release_memory(Object* op, const TypeInfo& type) noexcept {
  op->~Object();
  free_block(op, type.block_size);
}

// --- refcount death ----------------------------------------------------------------------------
// CPython frees a dying object's referents from inside its deallocator, one nested call per level
// of a structure. Here, past the first few levels (kNestedDepth), the last references a dying
// object holds to GC objects are taken onto an explicit stack instead, and a loop releases them
// in the order recursion would: each referent, and all that its death frees, before the next, the
// dying object's memory last. Finalizers, callbacks and frees keep CPython's order, but C++
// frames stop nesting: 50 nested returns overflow the CPU's return predictor (a long chain is
// freed twice as fast).
//
// CPython's trashcan (Py_TRASHCAN_BEGIN) is kept for its order: a death that would start 50 levels
// deep is set aside until the outermost one is done, and the objects set aside die newest first,
// one level down (_PyTrash_thread_destroy_chain). Objects set aside have count 0: their weak
// references already read as dead.
constexpr int kTrashcanDepth = 50;

struct DeathStacks {
  // One stack of two kinds of entry, told apart by the count: a dying object (count 0) whose
  // memory is released when the entries above it are done, and a taken reference (count >= 1,
  // the taken reference still counted) to release. Nothing can raise a dying object's count: it
  // is untracked, its weak references are dead, its fields are cleared, and nothing else refers
  // to it. One stack rather than a stack of deaths beside a stack of references: a death in a
  // chain is then one push and one pop fewer, and no bookkeeping of where its references begin.
  DeathStack deaths;
  std::vector<Object*> trash_later;
};
/// Never destroyed: objects held by other static variables die at exit, after this file's own
/// statics would have been destroyed, and their deaths use the stacks.
union UndyingStacks {
  DeathStacks value;
  constexpr UndyingStacks() : value() {}
  ~UndyingStacks() {}
};
constinit UndyingStacks stacks;

int trash_depth = 0;  // deaths in progress: CPython's trash_delete_nesting
DeathStack& deaths = stacks.value.deaths;
std::vector<Object*>& trash_later = stacks.value.trash_later;

/// The first levels of a cascade free their referents by nested calls, as CPython does (cheapest
/// for a wide, shallow structure: no stacking); deeper ones take them onto the stack, so C++
/// frames nest no deeper than the CPU's return predictor can follow.
constexpr int kNestedDepth = 4;

class TakingVisitor final : public Visitor {
 public:
  constexpr TakingVisitor() : Visitor(stacks.value.deaths) {}
  void inspect(Object*) override {}
};

// Stateless between uses (as clear_visitor), so made once rather than at every death.
constinit TakingVisitor taking_visitor;

// PEP 442's protocol for running a hook on a dying object: the object is temporarily alive again
// (count 1) and tracked, so the collector sees it while user code runs. True if the hook stored a
// new reference to it somewhere (resurrection): it then stays alive, tracked in generation 0.
bool resurrected_by(Object* op, void (*hook)(Object&), std::string_view method) noexcept {
  Runtime::refcnt(op) = 1;
  gc_track(op);
  // ---- user code runs here ----
  call_type_hook(*op, hook, method);
  if (--Runtime::refcnt(op) != 0) return true;
  gc_untrack(op);
  return false;
}

/// The dying object took last references (pushed above `first`, in visiting order): it goes
/// below them, and the first visited on top, to be released first.
[[gnu::always_inline]] inline void stack_death(Object* op, std::size_t first) noexcept {
  Object** taken = deaths.from(first);
  if (deaths.end() - taken == 1) {
    // One reference (a chain's next link): a swap, where std::reverse's loop took ten
    // instructions of a 174-instruction death (bench/count free_chain).
    Object* only = *taken;
    *taken = op;
    return deaths.push(only);
  }
  deaths.push(op);
  std::reverse(deaths.from(first), deaths.end());
}

// The death of a GC object begins, in subtype_dealloc's order: finalizer first (with the object
// temporarily resurrected and tracked, PEP 442), then the weak references, then the legacy
// finalizer (tp_del, same protocol), then its references are taken onto the stack, first visited
// on top, above the object's own entry. An object that holds no last reference to a GC object
// (a leaf: most deaths) is freed at once.
[[gnu::always_inline]] inline void begin_death(Object* op) noexcept {
  const TypeInfo& type = op->type();
  ++trash_depth;
  GcHeader* gc = GcHeader::of(op);
  if (type.finalize && !gc->is_finalized()) {
    gc->set_finalized();
    if (resurrected_by(op, type.finalize, "__del__")) return void(--trash_depth);
  }
  // Weak references die after the finalizer (which could still use them) and before the fields
  // are cleared; their callbacks run here, newest first.
  if (weakref::Weaklist::head(*op)) weakref::Weaklist::clear_weakrefs(*op);
  // No FINALIZED bit for tp_del: it runs at every death, resurrections included.
  if (type.legacy_del && resurrected_by(op, type.legacy_del, "legacy_del")) return void(--trash_depth);
  const std::size_t first = deaths.size();
  op->traverse(trash_depth <= kNestedDepth ? static_cast<Visitor&>(clear_visitor) : taking_visitor);
  if (deaths.size() == first) {
    release_memory(op, type);
    --trash_depth;
    return;
  }
  stack_death(op, first);
}

/// Out of line: the trashcan is the rare path of a death.
[[gnu::noinline]] void set_aside(Object* op) noexcept { trash_later.push_back(op); }

/// A GC object's count reached 0: untrack it, then begin its death or set it aside.
[[gnu::always_inline]] inline void on_zero_count(Object* op) noexcept {
  gc_untrack(op);
  if (trash_depth >= kTrashcanDepth) [[unlikely]] {
    set_aside(op);
  } else {
    begin_death(op);
  }
}

/// Runs the stack above `floor` to its end. User code run on the way (a finalizer) may start
/// deaths of its own: they run to their end above the current ones, as nested calls.
[[gnu::noinline]] void finish_deaths(std::size_t floor) noexcept {
  while (deaths.size() > floor) {
    Object* op = deaths.pop();
    if (Runtime::refcnt(op) == 0) {
      // A dying object whose references are all released.
      release_memory(op, op->type());
      --trash_depth;
    } else if (--Runtime::refcnt(op) == 0) {
      // ---- user code may run here: the referent's finalizer, its weakrefs' callbacks
      on_zero_count(op);
    }
  }
  deaths.trim(std::size_t{1} << 20);  // 8 MB
}

/// _PyTrash_thread_destroy_chain: the deaths set aside run, newest first, one level down.
void empty_trash() noexcept {
  ++trash_depth;
  while (!trash_later.empty()) {
    Object* later = trash_later.back();
    trash_later.pop_back();
    const std::size_t floor = deaths.size();
    begin_death(later);
    finish_deaths(floor);
  }
  --trash_depth;
}

// --- checked construction ----------------------------------------------------------------------
ConstructionScope* innermost_scope = nullptr;

class SlotRecorder final : public Visitor {
 public:
  void inspect(Object*) override {}
  void note_slot(const void* slot) override { visited.insert(slot); }
  std::unordered_set<const void*> visited;
};

// Checked builds only.
void verify_traverse(Object& obj, const ConstructionScope& scope) {
  SlotRecorder recorder;
  obj.traverse(recorder);
  for (const void* slot : scope.slots()) {
    if (recorder.visited.contains(slot)) continue;
    const auto offset = static_cast<const char*>(slot) - scope.begin();
    const std::string name = obj.type().name;
    GcHeader::of(&obj)->set_finalized();  // a half-made object's finalizer must not run
    Ref<Object>::adopt(&obj).reset();
    throw TypeError(fmt::format(
        "{}::traverse() does not visit the member at byte offset {} of {} (a Ref<T>, or a "
        "weakref::ref / proxy, which holds one): list every such field in traverse() "
        "(GCLAB_TRAVERSE), or the collector cannot see that reference",
        name, offset, name));
  }
}

}  // namespace

ConstructionScope::ConstructionScope(void* begin, std::size_t size)
    : begin_(static_cast<const char*>(begin)),
      end_(static_cast<const char*>(begin) + size),
      outer_(innermost_scope) {
  innermost_scope = this;
}

ConstructionScope::~ConstructionScope() { innermost_scope = outer_; }

void note_ref_slot(const void* slot) {
  ConstructionScope* scope = innermost_scope;
  const auto* p = static_cast<const char*>(slot);
  if (scope && p >= scope->begin() && p < scope->end()) scope->record(slot);
}

namespace {

/// Generation 0 went over its threshold: the rest of _PyObject_GC_Link's test, and the collection.
/// Out of line, so that every allocation's own path carries neither, nor their exception handling.
/// Returns the new object's address.
[[gnu::noinline]] void* collect_on_allocation(GcHeader* gc, const TypeInfo& type) {
  GcState& st = gcstate();
  if (st.generations[0].threshold == 0 || st.collecting || std::uncaught_exceptions() != 0) {
    return gc->object();
  }
  try {
    CollectingScope collecting;
    collect_generations();
  } catch (...) {
    heap::deallocate(gc, type.block_size);
    count_gc_deallocation();
    throw;
  }
  return gc->object();
}

// CPython's _PyObject_GC_Link: every GC allocation counts, and may start a collection of the
// generations over their thresholds -- before the new object is constructed and tracked, so the
// object that triggers a collection is never part of it.
[[gnu::always_inline]] inline void* link_allocation(void* block, const TypeInfo& type,
                                                    GcState& st) {
  if (!type.is_gc) return block;
  auto* gc = ::new (block) GcHeader();
  if (++st.generations[0].count > st.generations[0].threshold && st.enabled) [[unlikely]] {
    return collect_on_allocation(gc, type);
  }
  return gc->object();
}

/// An allocation off the fast path: a block to carve or to trace, or the collector's first use.
[[gnu::noinline]] void* allocate_slowly(void* block, const TypeInfo& type) {
  if (!block) block = heap::allocate(type.block_size);
  return link_allocation(block, type, gcstate());
}

}  // namespace

// The common case (a free block, a collector in use) makes no call but tail calls, so it saves
// no registers: with the slow paths inline, GCC saved six on every allocation.
void* Runtime::allocate(const TypeInfo& type) {
  GcState* st = gcstate_;
  void* block = heap::allocate_from_free_list(type.block_size);
  if (!block || !st) [[unlikely]] return allocate_slowly(block, type);
  return link_allocation(block, type, *st);
}

void Runtime::abandon(const TypeInfo& type, void* memory) noexcept {
  if (type.is_gc) {
    heap::deallocate(static_cast<GcHeader*>(memory) - 1, type.block_size);
    count_gc_deallocation();
  } else {
    heap::deallocate(memory, type.block_size);
  }
}

void Runtime::finish(Object& obj, const TypeInfo& type) noexcept {
  obj.type_ = &type;
  if (type.is_gc && type.tracked_at_creation) {
    gc_list_append_new(GcHeader::of(&obj), gcstate_in_use().gen_head(0));
  }
}

void Runtime::verify(Object& obj, const ConstructionScope& scope) {
  if (static_cast<const void*>(&obj) != scope.begin()) {
    std::fputs("gclab: gclab::Object must be the first base class of every engine class\n", stderr);
    std::abort();
  }
  verify_traverse(obj, scope);
}

namespace {

/// A death that may stack: finalizers (user code), or a cascade already deep.
[[gnu::noinline]] void dealloc_stacking(Object* op) noexcept {
  const std::size_t floor = deaths.size();
  on_zero_count(op);
  if (deaths.size() != floor) finish_deaths(floor);
  if (trash_depth == 0 && !trash_later.empty()) [[unlikely]] empty_trash();
}

// The deallocs are made for each size class rather than for each type (a type's own would have
// to be built from the public headers, in the user's code): freeing the block then writes a free
// list at a constant address. Read off the type, that address made the next allocation of the
// class wait until this object's type had been read: a store-to-load chain through every
// create-and-free (weakref create+destroy 12.8 -> 12.3 ns, WeakValueDictionary removal 25.8 ->
// 24.5 ns; a plain object's create-and-drop went 8.8 -> 9.3 ns, which the instruction counts, 149
// -> 140, do not explain). kBlockSize 0: the type's own size (a large block, or any block when the
// system allocator, which checks sizes, provides them).

/// Atoms (int, str, float) hold no references and run no code: nothing can follow their death.
template <std::size_t kBlockSize>
void dealloc_atom(Object* op) noexcept {
  const std::size_t size = kBlockSize ? kBlockSize : op->type().block_size;
  op->~Object();
  heap::deallocate(op, size);
}

template <std::size_t kBlockSize>
void dealloc_gc(Object* op) noexcept {
  const TypeInfo& type = op->type();
  if (type.has_death_hooks || trash_depth >= kNestedDepth) [[unlikely]] {
    return dealloc_stacking(op);
  }
  // The plain death: begin_death's order without its finalizer steps, shallow enough that the
  // references are released by nested calls (each of which finishes what it starts), so the
  // memory is freed as soon as traverse() returns. Spelled out rather than calling
  // on_zero_count: the stack bookkeeping that cannot fire here cost 5-10% of every death
  // (bench/count: create_drop 212 -> 223, wvd_remove 516 -> 544 instructions).
  gc_untrack(op);
  ++trash_depth;
  if (weakref::Weaklist::head(*op)) weakref::Weaklist::clear_weakrefs(*op);
  type.clear_and_destroy(*op, clear_visitor);
  free_block(op, kBlockSize ? kBlockSize : type.block_size);
  if (--trash_depth == 0 && !trash_later.empty()) [[unlikely]] empty_trash();
}

using Dealloc = void (*)(Object*) noexcept;

template <bool kIsGc, std::size_t... I>
constexpr std::array<Dealloc, sizeof...(I)> deallocs_by_class(std::index_sequence<I...>) {
  if constexpr (kIsGc) {
    return {&dealloc_gc<(I + 1) * arena::kAlignment>...};
  } else {
    return {&dealloc_atom<(I + 1) * arena::kAlignment>...};
  }
}
constexpr auto kClasses = std::make_index_sequence<arena::kNumClasses>();
constexpr auto kGcDeallocs = deallocs_by_class<true>(kClasses);
constexpr auto kAtomDeallocs = deallocs_by_class<false>(kClasses);

}  // namespace

void Runtime::dealloc(Object* op) noexcept { op->type().dealloc(op); }

Dealloc deallocator(std::size_t block_size, bool is_gc) noexcept {
  if (!arena::in_chunk(block_size)) return is_gc ? &dealloc_gc<0> : &dealloc_atom<0>;
  const std::size_t size_class = arena::class_index(block_size);
  return is_gc ? kGcDeallocs[size_class] : kAtomDeallocs[size_class];
}

std::string class_name(const std::type_info& type) {
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled(
      abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
  std::string name = status == 0 && demangled ? demangled.get() : type.name();
  if (const auto angle = name.find('<'); angle != std::string::npos) name.erase(angle);
  if (const auto colon = name.rfind("::"); colon != std::string::npos) name.erase(0, colon + 2);
  return name;
}

}  // namespace gclab::detail
