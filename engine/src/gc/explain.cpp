// gc::explain(): a collection with a Trace listening, and the story told as a table and as
// pictures.
#include "gclab/explain.hpp"

#include <fmt/format.h>

#include "gc/gc_list.hpp"
#include "gc/state.hpp"
#include "gc/trace.hpp"
#include "gclab/errors.hpp"
#include "gclab/gc.hpp"
#include "viz/graph.hpp"

namespace gclab::gc {

namespace {

using Fate = Explanation::Fate;
using viz::detail::Graph;
using viz::detail::GraphNode;

std::string_view fate_text(Fate fate) {
  switch (fate) {
    case Fate::survived: return "survived";
    case Fate::freed: return "freed";
    case Fate::resurrected: return "resurrected";
    case Fate::uncollectable: return "uncollectable (gc.garbage)";
    case Fate::saved: return "saved (gc.garbage)";
  }
  return "";
}

/// The labels of everything the collection will examine, taken while user code may still run.
std::unordered_map<const Object*, std::string> labels_of_generations(int generation) {
  auto& st = detail::gcstate();
  const detail::AutomaticCollectionPaused paused;  // repr() may allocate
  std::unordered_map<const Object*, std::string> labels;
  for (int i = 0; i <= generation; ++i) {
    detail::GcHeader* head = st.gen_head(i);
    for (detail::GcHeader* gc = head->next(); gc != head; gc = gc->next()) {
      labels.emplace(gc->object(), viz::detail::object_label(*gc->object()));
    }
  }
  return labels;
}

/// Clears gcstate().trace however the collection ends.
class Listening {
 public:
  explicit Listening(detail::Trace& trace) { detail::gcstate().trace = &trace; }
  ~Listening() { detail::gcstate().trace = nullptr; }
  Listening(const Listening&) = delete;
  Listening& operator=(const Listening&) = delete;
};

}  // namespace

Explanation explain(int generation) {
  if (generation < 0 || generation >= kNumGenerations) throw ValueError("invalid generation");
  Explanation story;
  story.generation = generation;
  if (detail::gcstate().collecting) {
    story.steps.push_back({"collect", "a collection is already running: nothing collected"});
    return story;
  }
  detail::Trace trace(story, labels_of_generations(generation));
  {
    Listening listening(trace);
    story.found = collect(generation);
  }
  return story;
}

std::string Explanation::table() const {
  std::size_t width = 6;
  for (const auto& o : objects) width = std::max(width, o.label.size());
  std::string out = fmt::format("gc.collect({}), explained: {} object{} examined\n", generation,
                                objects.size(), objects.size() == 1 ? "" : "s");
  if (!objects.empty()) {
    out += fmt::format("  {:>3}  {:<{}}  {:>8}  {:>7}  {:<11}  {}\n", "#", "object", width,
                       "refcount", "gc_refs", "verdict", "fate");
    for (std::size_t i = 0; i < objects.size(); ++i) {
      const auto& o = objects[i];
      out += fmt::format("  {:>3}  {:<{}}  {:>8}  {:>7}  {:<11}  {}\n", i + 1, o.label, width,
                         o.refcount, o.gc_refs, o.unreachable ? "unreachable" : "reachable",
                         fate_text(o.fate));
    }
  }
  if (!references.empty()) {
    out += "References between them (subtracted from gc_refs):\n";
    for (const auto& r : references) {
      out += fmt::format("  {} -> {}{}\n", objects[r.from].label, objects[r.to].label,
                         r.field.empty() ? "" : fmt::format(" ({})", r.field));
    }
  }
  out += "What happened, in order:\n";
  std::size_t phase_width = 0;
  for (const auto& s : steps) phase_width = std::max(phase_width, s.phase.size());
  for (const auto& s : steps) out += fmt::format("  {:<{}}  {}\n", s.phase, phase_width, s.event);
  out += fmt::format("collect() returned {}\n", found);
  return out;
}

std::vector<std::string> Explanation::pictures() const {
  const auto picture = [&](std::string title, auto look_and_facts) {
    Graph graph;
    graph.title = std::move(title);
    for (const auto& o : objects) {
      GraphNode node;
      node.title = o.label;
      std::tie(node.look, node.facts) = look_and_facts(o);
      graph.nodes.push_back(std::move(node));
    }
    for (const auto& r : references) graph.edges.push_back({r.from, r.to, r.field, false});
    return viz::detail::to_dot(graph);
  };
  using Look = GraphNode::Look;
  return {
      picture(fmt::format("1. update_refs + subtract_refs (generation {}): gc_refs = refcount - "
                          "references from examined objects", generation),
              [](const Examined& o) {
                return std::pair{o.gc_refs > 0 ? Look::survivor : Look::object,
                                 fmt::format("refcount {} · gc_refs {}", o.refcount, o.gc_refs)};
              }),
      picture("2. move_unreachable: reachable from an object with gc_refs > 0 (green), or not (red)",
              [](const Examined& o) {
                return std::pair{o.unreachable ? Look::garbage : Look::survivor,
                                 std::string(o.unreachable ? "unreachable" : "reachable")};
              }),
      picture(fmt::format("3. after the collection: collect() returned {}", found),
              [](const Examined& o) {
                const Look look = o.fate == Fate::freed ? Look::gone
                                  : o.fate == Fate::survived || o.fate == Fate::resurrected
                                      ? Look::survivor
                                      : Look::garbage;
                return std::pair{look, std::string(fate_text(o.fate))};
              }),
  };
}

}  // namespace gclab::gc
