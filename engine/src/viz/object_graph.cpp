// show_refs / show_backrefs: a breadth-first walk from the roots, within the depth and node
// limits, drawn with what HeapFacts knows of each object.
#include <fmt/format.h>

#include <deque>
#include <optional>
#include <unordered_map>

#include "gc/state.hpp"
#include "gclab/builtins/dict.hpp"
#include "gclab/builtins/list.hpp"
#include "gclab/builtins/set.hpp"
#include "gclab/builtins/tuple.hpp"
#include "gclab/viz.hpp"
#include "gclab/weakref.hpp"
#include "viz/graph.hpp"
#include "viz/heap_facts.hpp"

namespace gclab::viz {

namespace detail {

namespace {

constexpr std::size_t kReprWidth = 40;

std::string shorten(std::string text) {
  if (text.size() <= kReprWidth) return text;
  // Cut on a UTF-8 character boundary: a Korean name must not end in half a character.
  std::size_t cut = kReprWidth - 3;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

std::string generation_text(int generation) {
  switch (generation) {
    case kUntracked: return "untracked";
    case kPermanent: return "frozen";
    default: return fmt::format("gen {}", generation);
  }
}

enum class Direction { referents, referrers };

class Builder {
 public:
  Builder(const Options& options, Direction direction) : options_(options), direction_(direction) {}

  Graph build(const std::vector<Root>& roots) {
    graph_.title = options_.title;
    for (const Root& root : roots) {
      if (!root.object) continue;
      const std::size_t node = node_for(root.object, 0);
      if (root.name.empty()) continue;
      graph_.nodes.push_back({root.name, "", "", GraphNode::Look::variable});
      graph_.edges.push_back({graph_.nodes.size() - 1, node, "", root.weak});
    }
    while (!queue_.empty()) {
      const auto [op, depth] = queue_.front();
      queue_.pop_front();
      expand(op, depth);
    }
    legend();
    return std::move(graph_);
  }

 private:
  struct Link {
    const Object* other;  ///< null: a weak reference whose referent died
    std::string label;
    bool weak;
  };

  std::vector<Link> links_of(const Object* op) const {
    std::vector<Link> links;
    if (direction_ == Direction::referents) {
      for (auto& ref : references_of(*op)) links.push_back({ref.target, std::move(ref.label), ref.weak});
    } else {
      for (const auto& ref : facts_.referrers(op)) links.push_back({ref.holder, ref.label, ref.weak});
    }
    return links;
  }

  void expand(const Object* op, int depth) {
    const std::size_t from = index_.at(op);
    std::size_t left_out = 0;
    for (auto& link : links_of(op)) {
      if (!link.other) {
        graph_.nodes.push_back({"", "", "", GraphNode::Look::dead});
        graph_.edges.push_back({from, graph_.nodes.size() - 1, std::move(link.label), true});
        continue;
      }
      const bool known = index_.contains(link.other);
      if (!known && (depth + 1 > options_.max_depth || index_.size() >= options_.max_nodes)) {
        ++left_out;
        continue;
      }
      const std::size_t to = node_for(link.other, depth + 1);
      // An arrow always points from the holder to what it holds.
      if (direction_ == Direction::referents) {
        graph_.edges.push_back({from, to, std::move(link.label), link.weak});
      } else {
        graph_.edges.push_back({to, from, std::move(link.label), link.weak});
      }
    }
    if (left_out == 0) return;
    graph_.nodes.push_back({fmt::format("… {} more", left_out), "", "", GraphNode::Look::more});
    const std::size_t more = graph_.nodes.size() - 1;
    if (direction_ == Direction::referents) {
      graph_.edges.push_back({from, more, "", false});
    } else {
      graph_.edges.push_back({more, from, "", false});
    }
  }

  std::size_t node_for(const Object* op, int depth) {
    if (const auto it = index_.find(op); it != index_.end()) return it->second;
    graph_.nodes.push_back(object_node(*op, facts_));
    if (facts_.is_garbage(op)) any_garbage_ = true;
    const std::size_t node = graph_.nodes.size() - 1;
    index_.emplace(op, node);
    queue_.emplace_back(op, depth);
    return node;
  }

  void legend() {
    if (any_garbage_) {
      graph_.notes.push_back("red: unreachable garbage kept alive only by a cycle (gc.collect() frees it)");
    }
    if (direction_ == Direction::referrers) {
      graph_.notes.push_back("holders on the C++ stack (variables) are not shown");
    }
  }

  const Options& options_;
  Direction direction_;
  // repr() is user code that may allocate; a collection then would free objects the picture
  // holds no reference to.
  gclab::detail::AutomaticCollectionPaused paused_;
  HeapFacts facts_;
  Graph graph_;
  std::unordered_map<const Object*, std::size_t> index_;
  std::deque<std::pair<const Object*, int>> queue_;
  bool any_garbage_ = false;
};

/// The number of items of a built-in container, none for other objects.
std::optional<std::ptrdiff_t> container_size(const Object& op) {
  if (const auto* l = dynamic_cast<const List*>(&op)) return l->size();
  if (const auto* t = dynamic_cast<const Tuple*>(&op)) return t->size();
  if (const auto* d = dynamic_cast<const Dict*>(&op)) return d->size();
  if (const auto* s = dynamic_cast<const Set*>(&op)) return s->size();
  return std::nullopt;
}

}  // namespace

std::string object_detail(const Object& op) {
  if (const auto items = container_size(op)) {
    // A container's repr lists its items, which are the arrows already.
    return fmt::format("{} item{}", *items, *items == 1 ? "" : "s");
  }
  try {
    const std::string repr = op.repr();
    // The default repr (`<__main__.Node object at 0x…>`) says nothing the box does not.
    if (repr != op.Object::repr()) return shorten(repr);
  } catch (...) {
    // A repr that throws: the box shows the type alone.
  }
  return {};
}

std::string object_label(const Object& op) {
  if (op.type().is_weakref) {
    // Its repr carries addresses; what it points to is what a reader wants.
    const Object* referent = static_cast<const weakref::ReferenceType&>(op).referent();
    return referent ? "weakref to " + object_label(*referent) : "dead weakref";
  }
  const std::string detail = object_detail(op);
  if (detail.empty()) return op.type().name;
  return container_size(op) ? fmt::format("{} ({})", op.type().name, detail) : detail;
}

GraphNode object_node(const Object& op, const HeapFacts& facts) {
  GraphNode node;
  node.title = op.type().name;
  node.detail = object_detail(op);
  const int generation = facts.generation(&op);
  node.facts = fmt::format("refcount {} · {}", op.refcount(), generation_text(generation));
  node.look = facts.is_garbage(&op) ? GraphNode::Look::garbage : GraphNode::Look::object;
  return node;
}

}  // namespace detail

std::string show_refs(const std::vector<Root>& roots, const Options& options) {
  return detail::to_dot(detail::Builder(options, detail::Direction::referents).build(roots));
}
std::string show_refs(std::initializer_list<Root> roots, const Options& options) {
  return show_refs(std::vector<Root>(roots), options);
}
std::string show_backrefs(const std::vector<Root>& roots, const Options& options) {
  return detail::to_dot(detail::Builder(options, detail::Direction::referrers).build(roots));
}
std::string show_backrefs(std::initializer_list<Root> roots, const Options& options) {
  return show_backrefs(std::vector<Root>(roots), options);
}

}  // namespace gclab::viz
