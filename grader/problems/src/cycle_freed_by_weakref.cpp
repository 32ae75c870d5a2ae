// P2: the Parent/Child cycle broken with a weak reference. The grader's probe
// (probes/P2-weakref-parent-child.cpp) builds a family from the student's family.hpp and reports:
//   {"kind":"family","parent":"parent","children":["child1","child2","child3"]}
//   {"kind":"parent_link","child":"child1","returns_parent":true}
//   {"kind":"strong_path","from":"child1","to":"parent","path":[]}          (types along the path)
//   {"kind":"del_parent","parent_freed":true,"children_alive":[],"printed":["Child child3 destroyed",...]}
//   {"kind":"collect","returned":0,"printed":[]}
//   {"kind":"probe_done"}
// del_parent and collect are measured with the collector disabled: refcounting alone.
#include <fmt/format.h>

#include "gclab/grader/problem_checks.hpp"
#include "report_lines.hpp"
#include "scorecard.hpp"

namespace gclab::grader {

namespace {

std::string indented(const std::vector<std::string>& lines) {
  if (lines.empty()) return "  (nothing)";
  std::string text;
  for (const std::string& line : lines) text += (text.empty() ? "  " : "\n  ") + line;
  return text;
}

/// What refcounting alone prints when the parent goes: the parent's children list is freed with
/// it, and a list releases its items last to first (CPython's list_dealloc), so the youngest child
/// is destroyed first. CPython 3.11 prints child3, child2, child1 for the probe's family.
std::vector<std::string> expected_destructions(const std::vector<std::string>& children) {
  std::vector<std::string> lines;
  for (auto it = children.rbegin(); it != children.rend(); ++it) lines.push_back(fmt::format("Child {} destroyed", *it));
  return lines;
}

}  // namespace

ProblemVerdict check_cycle_freed_by_weakref(const ProblemRun& run) {
  const problems::ReportLines report = problems::read_report(run.report);
  if (report.defect) return problems::no_credit(problems::unreadable_report_message(*report.defect));

  const nlohmann::json* family = report.last_of_kind("family");
  const nlohmann::json* link = report.last_of_kind("parent_link");
  const nlohmann::json* path = report.last_of_kind("strong_path");
  const nlohmann::json* del = report.last_of_kind("del_parent");
  const nlohmann::json* collect = report.last_of_kind("collect");
  if (!report.last_of_kind("probe_done") || !family || !link || !path || !del || !collect)
    return problems::no_credit(problems::unreadable_report_message(
        "the grader's probe of your Parent and Child did not finish"));

  const auto children = problems::strings_field(*family, "children");
  const auto child = problems::string_field(*link, "child");
  const auto returns_parent = problems::bool_field(*link, "returns_parent");
  const auto strong = problems::strings_field(*path, "path");
  const auto parent_freed = problems::bool_field(*del, "parent_freed");
  const auto children_alive = problems::strings_field(*del, "children_alive");
  const auto printed_at_del = problems::strings_field(*del, "printed");
  const auto collected = problems::int_field(*collect, "returned");
  const auto printed_at_collect = problems::strings_field(*collect, "printed");
  if (!children || !child || !returns_parent || !strong || !parent_freed || !children_alive || !printed_at_del ||
      !collected || !printed_at_collect)
    return problems::no_credit(problems::unreadable_report_message("a line of the probe's report lacks a field"));

  const std::string strong_chain = fmt::format("{}", fmt::join(*strong, " → "));
  // The point of the problem: without the collector, dropping the parent must free it. If it does
  // not, a strong cycle remains and nothing else is worth judging.
  if (!*parent_freed)
    return problems::no_credit(fmt::format(
        "With the collector disabled, `del parent` freed nothing: {} still refers to its parent "
        "strongly ({}), and the parent's children list refers to {}, so they keep each other alive. "
        "gc.collect() then had to find {} objects. Make Child.parent a weak reference "
        "(weakref::ref<Parent>), so that only the parent owns the children.",
        *child, strong_chain.empty() ? "Child → Parent" : strong_chain, *child, *collected));

  problems::Scorecard card;
  card.add(0.3, children_alive->empty(),
           fmt::format("The parent was freed, but these children outlived it: {}. Only the parent's "
                       "children list should hold them.",
                       fmt::join(*children_alive, ", ")));
  const std::vector<std::string> expected = expected_destructions(*children);
  card.add(0.2, *printed_at_del == expected,
           fmt::format("`del parent` should print, in this order (the children list releases its items "
                       "last to first):\n{}\nbut it printed:\n{}",
                       indented(expected), indented(*printed_at_del)));
  card.add(0.15, *collected == 0 && printed_at_collect->empty(),
           fmt::format("After `del parent`, gc.collect() should find nothing, but it found {}: some "
                       "objects were still in a cycle. It printed:\n{}",
                       *collected, indented(*printed_at_collect)));
  card.add(0.2, *returns_parent,
           fmt::format("While the parent lives, {}.parent() should return it (call the weak reference), "
                       "but it did not.",
                       *child));
  card.add(0.15, strong->empty(),
           fmt::format("{} still reaches its parent through strong references ({}): the link to the "
                       "parent must be the weak reference itself.",
                       *child, strong_chain));
  return card.verdict();
}

}  // namespace gclab::grader
