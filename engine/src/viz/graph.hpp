// A picture as data: boxes and arrows, before they become DOT. gclab::viz draws the heap around
// some objects with it; gc::explain draws each phase of a collection.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "gclab/object.hpp"

namespace gclab::viz::detail {

class HeapFacts;

struct GraphNode {
  enum class Look {
    object,    ///< a live object
    garbage,   ///< an object the collector frees (red)
    survivor,  ///< found reachable by a collection (green)
    gone,      ///< freed already (grey, dashed)
    variable,  ///< a C++ variable holding a root (plain text)
    more,      ///< "… N more": what the limits left out
    dead,      ///< the dead end of a weak reference whose referent died
  };
  std::string title;   ///< the type, or the variable's name
  std::string detail;  ///< the repr, when it says more than the type
  std::string facts;   ///< "refcount 2 · gen 0"
  Look look = Look::object;
};

struct GraphEdge {
  std::size_t from;
  std::size_t to;
  std::string label;  ///< the field holding the reference
  bool weak = false;  ///< drawn dashed
};

struct Graph {
  std::string title;
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges;
  std::vector<std::string> notes;  ///< a legend line each, under the title
};

/// What a box says under the type: the repr when the type defines one (shortened), a
/// container's number of items, or nothing. Runs the object's repr() (user code).
std::string object_detail(const Object& op);

/// A one-line name for `op`: "Node(A)", "list (3 items)", or the type's name.
std::string object_label(const Object& op);

/// The box for `op`: its type, its repr when the type defines one (shortened), its reference
/// count and generation as `facts` knows them. Runs the object's repr() (user code).
GraphNode object_node(const Object& op, const HeapFacts& facts);

/// Graphviz's DOT for `graph`; node ids are n0, n1, ... in `graph.nodes` order, so the text is
/// the same for the same graph.
std::string to_dot(const Graph& graph);

}  // namespace gclab::viz::detail
