// gc::explain(): one collection, phase by phase -- what a student would see if the collector
// narrated gcmodule.c as it ran. It runs exactly what gc::collect(generation) runs (callbacks,
// statistics, finalizers) and records, in the collector's order: each examined object's
// reference count and gc_refs after the internal references are subtracted, the verdict of
// move_unreachable, the weak references cleared and the callbacks called, the finalizers called,
// what was resurrected, what was freed and what went to gc.garbage.
//
// Example:
//   const auto story = gc::explain();
//   print("{}", story.table());
//   for (std::size_t i = 0; i < story.pictures().size(); ++i)
//     viz::render(story.pictures()[i], fmt::format("phase{}.svg", i + 1));
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace gclab::gc {

struct Explanation {
  enum class Fate {
    survived,       ///< reachable: moved on to the next generation
    freed,          ///< garbage: its references were cleared and it was freed
    resurrected,    ///< garbage whose finalizer or weakref callback made it reachable again
    uncollectable,  ///< garbage kept in gc.garbage (a legacy finalizer, or what one reaches)
    saved,          ///< garbage kept in gc.garbage by DEBUG_SAVEALL
  };
  struct Examined {
    std::string label;         ///< its repr when the type defines one, else its type's name
    std::ptrdiff_t refcount;   ///< when the collection started
    std::ptrdiff_t gc_refs;    ///< after subtract_refs: references from outside the examined set
    bool unreachable = false;  ///< move_unreachable's verdict
    Fate fate = Fate::survived;
  };
  /// A reference between two examined objects: one that subtract_refs subtracted.
  struct Reference {
    std::size_t from;
    std::size_t to;
    std::string field;
  };
  /// One thing the collector did, in order: {"finalize_garbage", "called Node(A).__del__"}.
  struct Step {
    std::string phase;
    std::string event;
  };

  int generation = 0;
  std::vector<Examined> objects;  ///< in the order the collector examined them
  std::vector<Reference> references;
  std::vector<Step> steps;
  std::ptrdiff_t found = 0;  ///< what gc::collect() returned: unreachable objects found

  /// The story as text: a table of the examined objects, then the steps, then the result.
  std::string table() const;
  /// Three pictures (Graphviz DOT, see viz::render): gc_refs after subtract_refs, the verdict of
  /// move_unreachable, and what became of each object.
  std::vector<std::string> pictures() const;
};

/// gc::collect(generation), explained. Labels are taken before the collection starts (repr()
/// is user code, which must not run inside a phase). Inside a finalizer or callback of a running
/// collection it collects nothing, as collect() does, and says so.
Explanation explain(int generation = 2);

}  // namespace gclab::gc
