#include <fmt/format.h>

#include <string_view>

#include "viz/graph.hpp"

namespace gclab::viz::detail {

namespace {

/// Text inside a Graphviz HTML-like label.
std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// Text inside a quoted DOT string.
std::string quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string node_attributes(const GraphNode& node) {
  using Look = GraphNode::Look;
  std::string label = "<<b>" + html_escape(node.title) + "</b>";
  if (!node.detail.empty()) label += "<br/>" + html_escape(node.detail);
  if (!node.facts.empty()) {
    label += "<br/><font point-size=\"10\">" + html_escape(node.facts) + "</font>";
  }
  label += ">";
  switch (node.look) {
    case Look::object: return "label=" + label;
    case Look::garbage:
      return "label=" + label + ", fillcolor=\"#f9d0d0\", color=\"#c00000\", penwidth=2";
    case Look::survivor: return "label=" + label + ", fillcolor=\"#d5f0d5\", color=\"#2e7d32\"";
    case Look::gone:
      return "label=" + label + ", fillcolor=\"#eeeeee\", color=\"#999999\", fontcolor=\"#777777\", "
             "style=\"rounded,filled,dashed\"";
    case Look::variable: return "label=" + quote(node.title) + ", shape=plaintext, style=\"\"";
    case Look::more:
      return "label=" + quote(node.title) + ", shape=plaintext, style=\"\", fontcolor=\"#777777\"";
    case Look::dead: return "label=\"dead\", shape=plaintext, style=\"\", fontcolor=\"#777777\"";
  }
  return "label=" + label;
}

}  // namespace

std::string to_dot(const Graph& graph) {
  std::string out = "digraph heap {\n";
  std::string title = graph.title;
  for (const auto& note : graph.notes) title += (title.empty() ? "" : "\n") + note;
  out += fmt::format("  graph [fontname=\"Helvetica\", labelloc=t, label={}];\n", quote(title));
  out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eef3fb\", color=\"#4a6fa5\", "
         "fontname=\"Helvetica\"];\n";
  out += "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    out += fmt::format("  n{} [{}];\n", i, node_attributes(graph.nodes[i]));
  }
  for (const auto& edge : graph.edges) {
    std::string attributes;
    if (!edge.label.empty()) attributes = "label=" + quote(edge.label);
    if (edge.weak) attributes += std::string(attributes.empty() ? "" : ", ") + "style=dashed";
    if (graph.nodes[edge.to].look == GraphNode::Look::more) {
      attributes += std::string(attributes.empty() ? "" : ", ") + "style=dotted";
    }
    out += fmt::format("  n{} -> n{}{};\n", edge.from, edge.to,
                       attributes.empty() ? "" : " [" + attributes + "]");
  }
  return out + "}\n";
}

}  // namespace gclab::viz::detail
