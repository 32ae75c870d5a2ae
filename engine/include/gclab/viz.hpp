// Pictures of the heap: the object graph around some objects, as objgraph's show_refs and
// show_backrefs draw it, in Graphviz's DOT language (rendered to SVG or PNG by Graphviz).
//
// Each object is a box with its type, its repr (when the type defines one), its reference count
// and its generation (or "untracked"). References are arrows labelled with the field that holds
// them (GCLAB_TRAVERSE's names, a list's index, a dict's key); a weak reference is a dashed arrow
// to its referent. Objects the collector would free -- garbage kept alive only by a cycle -- are
// red, so a student sees the cycle that leaks.
//
// Example (notebook section 3.1):
//   viz::render(viz::show_refs({{"node_a", node_a}, {"node_b", node_b}}), "before.svg");
//   weakref::ref<Node> a(node_a);
//   del(node_a); del(node_b);
//   viz::render(viz::show_refs({{"", a}}), "after.svg");  // two red boxes, refcount 1 each
#pragma once

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "gclab/ref.hpp"
#include "gclab/weakref.hpp"

namespace gclab::viz {

/// Where a picture starts: an object, and the variable that holds it (drawn as a box with an
/// arrow to the object; no box when the name is empty). Holding a Root adds no reference.
struct Root {
  std::string name;
  const Object* object = nullptr;
  bool weak = false;  ///< the variable is a weak reference: its arrow is dashed

  template <class T>
  Root(std::string var, const Ref<T>& ref) : name(std::move(var)), object(ref.get()) {}
  /// The weak reference's referent (none once it died): how a picture is drawn from an object
  /// nothing strong holds any more.
  template <class T>
  Root(std::string var, const weakref::ref<T>& ref)
      : name(std::move(var)), object(ref ? ref.object()->referent() : nullptr), weak(true) {}
};

struct Options {
  int max_depth = 4;             ///< references followed from a root
  std::size_t max_nodes = 40;    ///< objects drawn; the rest are summarised as "… N more"
  std::string title;             ///< drawn above the graph
};

/// The objects reachable from `roots` (what they refer to), as a DOT graph.
std::string show_refs(std::initializer_list<Root> roots, const Options& options = {});
std::string show_refs(const std::vector<Root>& roots, const Options& options = {});
/// The objects that refer to `roots`, transitively (who keeps them alive), as a DOT graph. Only
/// tracked containers are seen, as with gc::get_referrers; the variables holding an object are
/// not (a C++ stack is not in the heap), which the picture says.
std::string show_backrefs(std::initializer_list<Root> roots, const Options& options = {});
std::string show_backrefs(const std::vector<Root>& roots, const Options& options = {});

/// Lays out `dot` with Graphviz's `dot` program (Debian package graphviz) into `out`, in the
/// format its extension names: .svg, .png, .pdf, or .dot (written as is, no Graphviz needed).
/// Throws OSError when Graphviz is missing or fails, with what it said.
void render(const std::string& dot, const std::filesystem::path& out);
/// The SVG Graphviz makes of `dot`, from its <svg> element on (ready to inline in HTML).
std::string to_svg(const std::string& dot);

}  // namespace gclab::viz
