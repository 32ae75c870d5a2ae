// The collector's phases, in the order gc_collect_main runs them (see collector.cpp). Each
// keeps CPython's name so it can be read side by side with Modules/gcmodule.c.
#pragma once

#include <cstddef>
#include <vector>

#include "gc/gc_header.hpp"

namespace gclab::detail {

/// Checks, in debug builds, that every member of `list` has the expected COLLECTING and
/// unreachable-mark states and that the links agree; compiles to nothing with NDEBUG.
enum class Expect { Clear, Set };
void validate_list(GcHeader* list, Expect collecting, Expect unreachable);
#ifdef NDEBUG
#define GCLAB_VALIDATE_LIST(list, collecting, unreachable) ((void)0)
#else
#define GCLAB_VALIDATE_LIST(list, collecting, unreachable) \
  ::gclab::detail::validate_list((list), (collecting), (unreachable))
#endif

/// What move_unreachable (or move_legacy_finalizers, exactly) saw of the objects it put in
/// `unreachable`, so that the phases with nothing to do for them are skipped (at 10^6 garbage
/// objects, a walk each). The flags of move_unreachable's may be set by an object it moved back.
struct UnreachableSeen {
  std::ptrdiff_t size = 0;          ///< the members of unreachable
  bool legacy_finalizers = false;   ///< some member's type has a legacy finalizer
  bool weakly_referenced = false;   ///< some member is a weak reference, or weakly referenced
  bool finalizers_pending = false;  ///< some member has a finalize() that has not run
};

void update_refs(GcHeader* containers);
void subtract_refs(GcHeader* containers);
void update_and_subtract_refs(GcHeader* containers);
/// Which objects deduce_unreachable examines: exactly the members of its list, or (a full
/// collection, whose list then holds them all) every tracked object outside the permanent
/// generation, which lets it count references in one walk (update_and_subtract_refs).
enum class Examined { Listed, AllTracked };
/// The last three return how many objects they left in (move_unreachable, deduce_unreachable) or
/// took out of (untrack_*) the list, so the collector knows the survivors' number without
/// walking them once more.
/// The first two also list the surviving tuples and dicts, in list order, in `untrackable` (when
/// not null) for the untrack_* phases.
std::ptrdiff_t move_unreachable(GcHeader* young, GcHeader* unreachable,
                                std::vector<GcHeader*>* untrackable, UnreachableSeen* seen);
std::ptrdiff_t deduce_unreachable(GcHeader* base, Examined examined, GcHeader* unreachable,
                                  std::vector<GcHeader*>* untrackable, UnreachableSeen* seen);
std::ptrdiff_t untrack_tuples(const std::vector<GcHeader*>& untrackable);
std::ptrdiff_t untrack_dicts(const std::vector<GcHeader*>& untrackable);
UnreachableSeen move_legacy_finalizers(GcHeader* unreachable, GcHeader* finalizers);
void move_legacy_finalizer_reachable(GcHeader* finalizers);
/// What handle_weakrefs did: weak references freed by their own callback (they count as
/// collected) and callbacks called (user code that may have resurrected something).
struct WeakrefsHandled {
  std::ptrdiff_t freed = 0;
  std::ptrdiff_t callbacks = 0;
};
WeakrefsHandled handle_weakrefs(GcHeader* unreachable, GcHeader* old_generation);
/// Returns the number of finalizers called.
std::ptrdiff_t finalize_garbage(GcHeader* collectable);
void handle_resurrected_objects(GcHeader* unreachable, GcHeader* still_unreachable,
                                GcHeader* old_generation, bool user_code_ran);
void delete_garbage(GcHeader* collectable, GcHeader* old_generation);
void handle_legacy_finalizers(GcHeader* finalizers, GcHeader* old_generation);

}  // namespace gclab::detail
