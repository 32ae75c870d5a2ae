// P2: the Parent/Child cycle broken with a weak reference. The grader's probe
// (probes/P2-weakref-parent-child.cpp) builds a family from the student's family.hpp and reports:
//   {"kind":"family","parent":"parent","children":["child1","child2","child3"]}
//   {"kind":"parent_link","child":"child1","returns_parent":true}
//   {"kind":"strong_path","from":"child1","to":"parent","path":[]}          (types along the path)
//   {"kind":"del_parent","parent_freed":true,"children_alive":[],"printed":["Child child3 destroyed",...]}
//   {"kind":"leak_picture","dot":"digraph heap {...}"}   (only when `del parent` freed nothing)
//   {"kind":"collect","returned":0,"printed":[]}
//   {"kind":"probe_done"}
// del_parent and collect are measured with the collector disabled: refcounting alone.
#include <fmt/format.h>

#include "gclab/grader/problem_checks.hpp"
#include "report_lines.hpp"
#include "scorecard.hpp"

namespace gclab::grader {

namespace {

std::string indented(const std::vector<std::string>& lines, Lang lang) {
  if (lines.empty()) return tr(lang, "  (없음)", "  (nothing)");
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
        tr(run.lang, "채점기의 probe가 여러분의 Parent와 Child를 끝까지 살펴보지 못했습니다",
           "the grader's probe of your Parent and Child did not finish")));

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
    return problems::no_credit(problems::unreadable_report_message(
        tr(run.lang, "probe가 보고한 줄 하나에 필드가 빠져 있습니다", "a line of the probe's report lacks a field")));

  const std::string strong_chain = fmt::format("{}", fmt::join(*strong, " → "));
  // The point of the problem: without the collector, dropping the parent must free it. If it does
  // not, a strong cycle remains and nothing else is worth judging.
  if (!*parent_freed) {
    const std::string chain = strong_chain.empty() ? "Child → Parent" : strong_chain;
    ProblemVerdict verdict = problems::no_credit(tr(
        run.lang,
        fmt::format("GC를 끈 상태에서 `del parent`는 아무것도 해제하지 못했습니다: {0}이(가) 아직 부모를 강하게 "
                    "참조하고({1}) 부모의 children 리스트가 {0}을(를) 참조하므로, 둘이 서로를 살려 둡니다. 그래서 "
                    "gc.collect()가 객체 {2}개를 찾아야 했습니다. Child.parent를 약한 참조(weakref::ref<Parent>)로 "
                    "바꿔서 부모만 자식들을 소유하게 하세요.",
                    *child, chain, *collected),
        fmt::format("With the collector disabled, `del parent` freed nothing: {} still refers to its parent "
                    "strongly ({}), and the parent's children list refers to {}, so they keep each other alive. "
                    "gc.collect() then had to find {} objects. Make Child.parent a weak reference "
                    "(weakref::ref<Parent>), so that only the parent owns the children.",
                    *child, chain, *child, *collected)));
    if (const nlohmann::json* picture = report.last_of_kind("leak_picture")) {
      if (const auto dot = problems::string_field(*picture, "dot")) {
        verdict.pictures.push_back({tr(run.lang, "`del parent` 뒤에도 가족을 살려 두는 순환",
                                       "the cycle that keeps your family alive after `del parent`"),
                                    *dot});
      }
    }
    return verdict;
  }

  problems::Scorecard card;
  card.add(0.3, children_alive->empty(),
           tr(run.lang,
              fmt::format("부모는 해제되었지만 이 자식들이 부모보다 오래 살아남았습니다: {}. 자식들을 붙잡는 것은 "
                          "부모의 children 리스트뿐이어야 합니다.",
                          fmt::join(*children_alive, ", ")),
              fmt::format("The parent was freed, but these children outlived it: {}. Only the parent's "
                          "children list should hold them.",
                          fmt::join(*children_alive, ", "))));
  const std::vector<std::string> expected = expected_destructions(*children);
  const std::string want = indented(expected, run.lang), got = indented(*printed_at_del, run.lang);
  card.add(0.2, *printed_at_del == expected,
           tr(run.lang,
              fmt::format("`del parent`는 이 순서대로 출력해야 합니다 (children 리스트는 항목을 마지막 것부터 "
                          "놓아 줍니다):\n{}\n그런데 실제 출력은 이랬습니다:\n{}",
                          want, got),
              fmt::format("`del parent` should print, in this order (the children list releases its items "
                          "last to first):\n{}\nbut it printed:\n{}",
                          want, got)));
  const std::string at_collect = indented(*printed_at_collect, run.lang);
  card.add(0.15, *collected == 0 && printed_at_collect->empty(),
           tr(run.lang,
              fmt::format("`del parent` 뒤에는 gc.collect()가 아무것도 찾지 않아야 하는데 {}개를 찾았습니다: "
                          "아직 순환에 묶인 객체가 있었습니다. 출력은 이랬습니다:\n{}",
                          *collected, at_collect),
              fmt::format("After `del parent`, gc.collect() should find nothing, but it found {}: some "
                          "objects were still in a cycle. It printed:\n{}",
                          *collected, at_collect)));
  card.add(0.2, *returns_parent,
           tr(run.lang,
              fmt::format("부모가 살아 있는 동안에는 {}.parent()가 부모를 돌려주어야 하는데 (약한 참조를 "
                          "호출하세요) 그러지 않았습니다.",
                          *child),
              fmt::format("While the parent lives, {}.parent() should return it (call the weak reference), "
                          "but it did not.",
                          *child)));
  card.add(0.15, strong->empty(),
           tr(run.lang,
              fmt::format("{}은(는) 아직 강한 참조를 거쳐 부모에 닿습니다({}): 부모로 가는 연결은 약한 참조 "
                          "그 자체여야 합니다.",
                          *child, strong_chain),
              fmt::format("{} still reaches its parent through strong references ({}): the link to the "
                          "parent must be the weak reference itself.",
                          *child, strong_chain)));
  return card.verdict();
}

}  // namespace gclab::grader
