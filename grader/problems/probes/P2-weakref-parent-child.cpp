// Problem 2's probe: a family built from the student's own classes (family.hpp, the exercise's or
// the solution's, found first on the include path), then, with the collector disabled so that only
// refcounting frees anything: does dropping the parent free the parent and its children, in the
// order CPython frees them, and leave gc.collect() nothing to find? Does child.parent() still
// return the living parent, and is no strong path left from a child to its parent?
#include <deque>
#include <unordered_map>

#include "family.hpp"
#include "probe.hpp"

namespace {

using namespace gclab;

/// child.parent() as the notebook's fix reads it (a weakref::ref<Parent>, or a method), or the
/// strong child.parent of the unfixed code, so that the probe compiles against either.
template <class C>
Ref<Parent> parent_of(const Ref<C>& child) {
  if constexpr (requires { Ref<Parent>(child->parent()); }) {
    return child->parent();
  } else if constexpr (requires { Ref<Parent>(child->parent); }) {
    return child->parent;
  } else {
    return {};
  }
}

/// The types along a chain of strong references from `from` to `to`, as gc.get_referents() sees
/// them ("Child", "Parent"), or nothing if `to` cannot be reached that way. Weak references are
/// objects whose referents are not strong references, so a weak link ends the chain.
std::vector<std::string> strong_path(const Ref<Object>& from, const Ref<Object>& to) {
  constexpr std::size_t kMaxObjects = 100'000;  // a family is small; this only bounds a runaway graph
  std::unordered_map<Object*, Object*> came_from{{from.get(), nullptr}};
  std::deque<Ref<Object>> queue{from};
  while (!queue.empty() && came_from.size() < kMaxObjects) {
    const Ref<Object> current = queue.front();
    queue.pop_front();
    if (current.is(to)) {
      std::vector<std::string> path;
      for (Object* o = current.get(); o; o = came_from[o]) path.insert(path.begin(), o->type().name);
      return path;
    }
    const Ref<List> referents = gc::get_referents(current);
    for (const Ref<Object>& next : *referents)
      if (next && came_from.emplace(next.get(), current.get()).second) queue.push_back(next);
  }
  return {};
}

void probe() {
  const bool was_enabled = gc::isenabled();
  gc::disable();  // from here on, only refcounting frees anything

  const std::vector<std::string> names = {"child1", "child2", "child3"};
  Ref<Parent> parent = make<Parent>("parent");
  std::vector<Ref<Child>> children;
  for (const std::string& name : names) {
    children.push_back(make<Child>(name));
    parent->add_child(children.back());
  }
  workbook::report("family", {{"parent", "parent"}, {"children", names}});
  workbook::report("parent_link", {{"child", names[0]}, {"returns_parent", parent_of(children[0]).is(parent)}});
  workbook::report("strong_path", {{"from", names[0]}, {"to", "parent"}, {"path", strong_path(children[0], parent)}});

  // Watch them die through weak references (which keep nothing alive), then let go of the
  // probe's own handles: the parent is the only owner left.
  const weakref::ref<Parent> parent_alive(parent);
  std::vector<weakref::ref<Child>> child_alive;
  for (const Ref<Child>& child : children) child_alive.emplace_back(child);
  children.clear();

  const std::vector<std::string> printed_at_del = probes::printed_by([&] { del(parent); });
  if (parent_alive()) {
    // What leaks, as the student's own heap shows it: the family nothing outside holds any more,
    // drawn red (garbage only a cycle keeps alive).
    viz::Options options;
    options.title = "after del parent: what is left";
    workbook::report("leak_picture", {{"dot", viz::show_refs({{"parent (weak)", parent_alive}}, options)}});
  }
  std::vector<std::string> still_alive;
  for (std::size_t i = 0; i < names.size(); ++i)
    if (child_alive[i]()) still_alive.push_back(names[i]);
  workbook::report("del_parent", {{"parent_freed", !parent_alive()},
                                  {"children_alive", still_alive},
                                  {"printed", printed_at_del}});

  std::ptrdiff_t returned = 0;
  const std::vector<std::string> printed_at_collect = probes::printed_by([&] { returned = gc::collect(); });
  workbook::report("collect", {{"returned", returned}, {"printed", printed_at_collect}});

  if (was_enabled) gc::enable();
  workbook::report("probe_done");
}

[[maybe_unused]] const bool registered = probes::register_probe(20, "grader probe: problem 2", &probe);

}  // namespace
