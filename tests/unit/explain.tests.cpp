// gc::explain(): a collection narrated. What it reports must be what the collector did: the
// counts and verdicts follow gcmodule.c's phases (semantics reference, CPython 3.11's
// gc.collect() results for the same programs, noted per case).
#include <algorithm>

#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::events;
using gclab::test::GcFixture;
using gclab::test::Legacy;
using gclab::test::Node;
using Fate = gc::Explanation::Fate;

namespace {

const gc::Explanation::Examined& find(const gc::Explanation& story, const std::string& label) {
  const auto it = std::find_if(story.objects.begin(), story.objects.end(),
                               [&](const auto& o) { return o.label == label; });
  REQUIRE(it != story.objects.end());
  return *it;
}

/// Index of the first step whose event contains `text`, or -1.
long step_index(const gc::Explanation& story, const std::string& text) {
  for (std::size_t i = 0; i < story.steps.size(); ++i) {
    if (story.steps[i].event.find(text) != std::string::npos) return static_cast<long>(i);
  }
  return -1;
}

/// Node of the fixture, with a repr, so the story can name it.
struct Named : Node {
  using Node::Node;
  std::string repr() const override { return "Node(" + name + ")"; }
};

}  // namespace

// CPython 3.11: a = N(); b = N(); a.r = b; b.r = a; del a, b; gc.collect() -> 2, with a live
// list holding a third node, and a weakref (with callback) to b held from outside.
TEST_CASE_METHOD(GcFixture, "explain tells a cycle's collection phase by phase", "[explain]") {
  auto keep = list();
  auto a = make<Named>("A");
  auto b = make<Named>("B");
  a->ref = b;
  b->ref = a;
  keep->append(make<Named>("C"));
  bool called = false;
  const weakref::ref<Named> w(b, [&](const weakref::ref<Named>&) { called = true; });
  del(a);
  del(b);
  const auto collections = gc::get_stats()[2].collections;

  const gc::Explanation story = gc::explain();

  CHECK(story.found == 2);
  CHECK(story.generation == 2);
  CHECK(called);
  CHECK(gc::get_stats()[2].collections == collections + 1);  // it was a real collection
  const auto& na = find(story, "Node(A)");
  CHECK(na.refcount == 1);  // only B refers to A
  CHECK(na.gc_refs == 0);   // ... and B is examined too
  CHECK(na.unreachable);
  CHECK(na.fate == Fate::freed);
  CHECK(find(story, "Node(B)").fate == Fate::freed);
  const auto& nc = find(story, "Node(C)");
  CHECK(nc.gc_refs == 0);  // the list's reference is internal to the examined set ...
  CHECK_FALSE(nc.unreachable);  // ... and the list is reachable from outside
  CHECK(nc.fate == Fate::survived);
  CHECK(find(story, "list (1 item)").gc_refs == 1);  // `keep`, on the C++ stack
  CHECK(find(story, "weakref to Node(B)").gc_refs == 1);  // `w`

  // Clearing the weak references comes before any callback, and callbacks before finalizers.
  const long cleared = step_index(story, "cleared a weak reference to Node(B)");
  const long callback = step_index(story, "called the callback of the weak reference to Node(B)");
  const long del_a = step_index(story, "called Node(A)'s finalizer");
  const long del_b = step_index(story, "called Node(B)'s finalizer");
  REQUIRE(cleared >= 0);
  CHECK(cleared < callback);
  CHECK(callback < del_a);
  CHECK(del_a < del_b);  // examination order: A was allocated first
  CHECK(events() == std::vector<std::string>{"A", "B"});

  const std::string table = story.table();
  CHECK_THAT(table, Catch::Contains("gc.collect(2), explained"));
  CHECK_THAT(table, Catch::Contains("Node(A) -> Node(B) (ref)"));
  CHECK_THAT(table, Catch::Contains("collect() returned 2"));

  const auto pictures = story.pictures();
  REQUIRE(pictures.size() == 3);
  CHECK_THAT(pictures[0], Catch::Contains("refcount 1 · gc_refs 0"));
  CHECK(std::count(pictures[1].begin(), pictures[1].end(), '\n') > 5);
  CHECK_THAT(pictures[1], Catch::Contains("<b>Node(A)</b><br/><font point-size=\"10\">unreachable</font>>, fillcolor=\"#f9d0d0\""));
  CHECK_THAT(pictures[2], Catch::Contains("<b>Node(A)</b><br/><font point-size=\"10\">freed</font>>, fillcolor=\"#eeeeee\""));
}

// CPython 3.11: a self-cycle whose __del__ stores self in a global: gc.collect() -> 0, and the
// object lives on.
TEST_CASE_METHOD(GcFixture, "explain shows a resurrection", "[explain]") {
  {
    auto r = make<Named>("R");
    r->ref = r;
    r->on_del = [](Node& node) { gclab::test::survivors().push_back(gclab::self(&node)); };
  }
  const gc::Explanation story = gc::explain();
  CHECK(story.found == 0);
  CHECK(find(story, "Node(R)").unreachable);
  CHECK(find(story, "Node(R)").fate == Fate::resurrected);
  CHECK(step_index(story, "Node(R) is reachable again") > step_index(story, "called Node(R)'s finalizer"));
  gclab::test::clear_survivors();
}

// CPython 3.11 with gc.set_debug(gc.DEBUG_SAVEALL): the garbage goes to gc.garbage instead.
TEST_CASE_METHOD(GcFixture, "explain shows DEBUG_SAVEALL keeping garbage", "[explain]") {
  gc::set_debug(gc::DEBUG_SAVEALL);
  gclab::test::make_self_cycle<Named>("S");
  const gc::Explanation story = gc::explain(0);
  CHECK(story.found == 1);
  CHECK(story.generation == 0);
  CHECK(find(story, "Node(S)").fate == Fate::saved);
  CHECK(gc::garbage().size() == 1);
  gc::set_debug(0);
}

// A legacy finalizer (tp_del) makes its cycle uncollectable: gc.garbage holds it.
TEST_CASE_METHOD(GcFixture, "explain shows uncollectable garbage", "[explain]") {
  gclab::test::make_self_cycle<Legacy>("L");
  const gc::Explanation story = gc::explain();
  CHECK(story.found == 1);
  CHECK(find(story, "<Legacy L>").fate == Fate::uncollectable);
  CHECK(step_index(story, "<Legacy L> is uncollectable (a legacy finalizer)") >= 0);
  REQUIRE(gc::garbage().size() == 1);
  static_cast<Legacy&>(*gc::garbage()[0]).ref.reset();  // break the cycle the case made
}

TEST_CASE_METHOD(GcFixture, "explain inside a running collection collects nothing", "[explain]") {
  gc::Explanation inner;
  {
    auto n = make<Named>("N");
    n->ref = n;
    n->on_del = [&](Node&) { inner = gc::explain(); };
  }
  CHECK(gc::collect() == 1);
  CHECK(inner.found == 0);
  CHECK(inner.objects.empty());
  CHECK(step_index(inner, "already running") == 0);
  CHECK_THROWS_AS(gc::explain(3), ValueError);
}
