// Object lifetime: allocation (with the automatic collection CPython 3.11 runs inside it),
// construction checks, and refcount death with its finalizer and trashcan.
#include <cxxabi.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <new>
#include <unordered_set>

#include "gc/gc_list.hpp"
#include "gc/state.hpp"
#include "gclab/ref.hpp"
#include "heap/heap.hpp"
#include "weakref/weaklist.hpp"

namespace gclab::detail {

namespace {

std::size_t block_size(const TypeInfo& type) noexcept {
  return type.basic_size + (type.is_gc ? sizeof(GcHeader) : 0);
}

void* block_of(Object* op) noexcept {
  return op->type().is_gc ? static_cast<void*>(GcHeader::of(op)) : static_cast<void*>(op);
}

// CPython's _PyObject_GC_Link: every GC allocation counts, and may start a collection of the
// generations over their thresholds -- before the new object is constructed and tracked, so the
// object that triggers a collection is never part of it.
void count_gc_allocation() {
  GcState& st = gcstate();
  Generation& young = st.generations[0];
  ++young.count;
  if (young.count > young.threshold && st.enabled && young.threshold != 0 && !st.collecting &&
      std::uncaught_exceptions() == 0) {
    CollectingScope collecting;
    collect_generations();
  }
}

void count_gc_deallocation() noexcept {
  std::ptrdiff_t& count = gcstate().generations[0].count;
  if (count > 0) --count;
}

void release_memory(Object* op) noexcept {
  const TypeInfo& type = op->type();
  void* block = block_of(op);
  op->~Object();
  heap::deallocate(block, block_size(type));
  if (type.is_gc) count_gc_deallocation();
}

// --- the trashcan ----------------------------------------------------------------------------
// Freeing an object decrefs its fields, which may free their referents in turn: a long chain
// would recurse once per link. Past kTrashcanDepth nested deallocations, a dying object is set
// aside and destroyed when the outermost deallocation unwinds (CPython's Py_TRASHCAN).
constexpr int kTrashcanDepth = 50;
int trash_depth = 0;
std::vector<Object*> trash_later;

class ClearVisitor final : public Visitor {
 public:
  ClearVisitor() : Visitor(/*clears=*/true) {}
  void inspect(Object*) override {}
};

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

// Refcount death of one object: subtype_dealloc's order -- finalizer first (with the object
// temporarily resurrected and tracked, PEP 442), then the weak references, then the legacy
// finalizer (tp_del, same resurrection protocol), then the fields, then the memory.
// Always inlined into Runtime::dealloc: a cascade of deallocations (a chain freed link by link,
// up to the trashcan depth) then nests one frame per level instead of two, and every object's
// death saves a call and a frame (bench/: freeing a long chain about a third faster).
[[gnu::always_inline]] inline void destroy(Object* op) noexcept {
  const TypeInfo& type = op->type();
  if (type.is_gc) {
    GcHeader* gc = GcHeader::of(op);
    if (type.finalize && !gc->is_finalized()) {
      gc->set_finalized();
      if (resurrected_by(op, type.finalize, "__del__")) return;
    }
    // Weak references die after the finalizer (which could still use them) and before the
    // fields are cleared; their callbacks run here, newest first.
    if (weakref::Weaklist::head(*op)) weakref::Weaklist::clear_weakrefs(*op);
    // No FINALIZED bit for tp_del: it runs at every death, resurrections included.
    if (type.legacy_del && resurrected_by(op, type.legacy_del, "legacy_del")) return;
    ClearVisitor clear;
    // ---- user code may run here: clearing a field can free its referent and run its finalizer
    op->traverse(clear);
  }
  release_memory(op);
}

// --- checked construction ----------------------------------------------------------------------
ConstructionScope* innermost_scope = nullptr;

class SlotRecorder final : public Visitor {
 public:
  void inspect(Object*) override {}
  void note_slot(const void* slot) override { visited.insert(slot); }
  std::unordered_set<const void*> visited;
};

// Checked builds only. Kept out of line: inlined into Runtime::finish, its large frame would be
// set up on every make(), checked or not.
[[gnu::noinline]] void verify_traverse(Object& obj, const ConstructionScope& scope) {
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

void* Runtime::allocate(const TypeInfo& type) {
  void* block = heap::allocate(block_size(type));
  if (!type.is_gc) return block;
  auto* gc = ::new (block) GcHeader();
  try {
    count_gc_allocation();
  } catch (...) {
    heap::deallocate(block, block_size(type));
    count_gc_deallocation();
    throw;
  }
  return gc->object();
}

void Runtime::abandon(const TypeInfo& type, void* memory) noexcept {
  if (type.is_gc) {
    heap::deallocate(static_cast<GcHeader*>(memory) - 1, block_size(type));
    count_gc_deallocation();
  } else {
    heap::deallocate(memory, block_size(type));
  }
}

void Runtime::finish(Object& obj, const TypeInfo& type, const ConstructionScope* scope) {
  obj.type_ = &type;
  if (scope) {
    if (static_cast<const void*>(&obj) != scope->begin()) {
      std::fputs("gclab: gclab::Object must be the first base class of every engine class\n",
                 stderr);
      std::abort();
    }
    verify_traverse(obj, *scope);
  }
  if (type.is_gc && type.tracked_at_creation) gc_track(&obj);
}

void Runtime::dealloc(Object* op) noexcept {
  if (op->type().is_gc) {
    gc_untrack(op);
    if (trash_depth >= kTrashcanDepth) {
      trash_later.push_back(op);
      return;
    }
  }
  ++trash_depth;
  destroy(op);
  --trash_depth;
  if (trash_depth == 0) {
    while (!trash_later.empty()) {
      Object* later = trash_later.back();
      trash_later.pop_back();
      ++trash_depth;
      destroy(later);
      --trash_depth;
    }
  }
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
