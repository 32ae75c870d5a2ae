// What collect() finds and in which order (semantics G4, G10, A2, A18, A19, D4): ports of
// test_gc.py's GCTests cycle cases, plus the examination order of a full collection.
#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::events;
using gclab::test::GcFixture;
using gclab::test::Node;
using gclab::test::Plain;

using Names = std::vector<std::string>;

namespace {

// a.o = b; b.o = a, both with __del__; returns a (the caller's only handle on the pair).
Ref<Node> finalizable_pair(const std::string& prefix) {
  auto a = make<Node>(prefix + "a");
  auto b = make<Node>(prefix + "b");
  a->ref = b;
  b->ref = a;
  return a;
}

}  // namespace

// test_gc.py: GCTests.test_instance / notebook 3 (G4): a two-instance cycle is 2 objects.
TEST_CASE_METHOD(GcFixture, "collect returns 2 for a two-instance cycle", "[gc]") {
  auto a = make<Plain>(), b = make<Plain>();
  a->ref = b;
  b->ref = a;
  gc::collect();
  del(a);
  del(b);
  CHECK(gc::collect() == 2);
  CHECK(gc::collect() == 0);
}

// G4: a self-cycle is 1, a 3-ring 3, a self-cycle with a 2-node tail 3.
TEST_CASE_METHOD(GcFixture, "collect counts every object of the unreachable set", "[gc]") {
  SECTION("self-cycle") {
    test::make_self_cycle<Plain>();
    CHECK(gc::collect() == 1);
  }
  SECTION("3-ring") {
    auto a = make<Plain>(), b = make<Plain>(), c = make<Plain>();
    a->ref = b;
    b->ref = c;
    c->ref = a;
    del(a);
    del(b);
    del(c);
    CHECK(gc::collect() == 3);
  }
  SECTION("self-cycle with a 2-node tail") {
    auto head = make<Plain>();
    head->ref = head;
    head->other = make<Plain>();
    head->other.as<Plain>()->ref = make<Plain>();
    del(head);
    CHECK(gc::collect() == 3);
  }
  CHECK(gc::collect() == 0);
}

// test_gc.py: GCTests.test_list: l = []; l.append(l) -> 1
TEST_CASE_METHOD(GcFixture, "a list that contains itself is one unreachable object", "[gc]") {
  auto l = list();
  l->append(l);
  gc::collect();
  del(l);
  CHECK(gc::collect() == 1);
}

// test_gc.py: GCTests.test_dict: d = {}; d[1] = d -> 1
TEST_CASE_METHOD(GcFixture, "a dict that contains itself is one unreachable object", "[gc]") {
  auto d = dict();
  d->set(1, d);
  gc::collect();
  del(d);
  CHECK(gc::collect() == 1);
}

// test_gc.py: GCTests.test_tuple: l = []; t = (l,); l.append(t) -> 2
TEST_CASE_METHOD(GcFixture, "a list and a tuple in a cycle are two objects", "[gc]") {
  auto l = list();
  auto t = tuple({l});
  l->append(t);
  gc::collect();
  del(t);
  del(l);
  CHECK(gc::collect() == 2);
}

// G4: a = []; b = [a]; a.append(b) -> 2 (nested list cycle)
TEST_CASE_METHOD(GcFixture, "two lists holding each other are two objects", "[gc]") {
  auto a = list();
  auto b = list({a});
  a->append(b);
  del(a);
  del(b);
  CHECK(gc::collect() == 2);
}

// G4: a cycle still reachable from a name is not garbage: collect() -> 0, and it survives.
TEST_CASE_METHOD(GcFixture, "a reachable cycle is not collected", "[gc]") {
  auto a = make<Node>("a"), b = make<Node>("b");
  a->ref = b;
  b->ref = a;
  del(b);
  CHECK(gc::collect() == 0);
  CHECK(events().empty());
  CHECK(a->ref.as<Node>()->name == "b");
  a->ref.as<Node>()->ref = nullptr;  // break the cycle: a dies by refcount when the test ends
}

// A2: the examined list is gen g ++ gen 0 ++ gen 1. Python (after gc.disable(), freeze, collect):
//   g2 = pair("g2"); gc.collect(1)    # -> gen 2
//   g1 = pair("g1"); gc.collect(0)    # -> gen 1
//   g0 = pair("g0"); del g0, g1, g2
//   gc.collect(2) -> 6, __del__ order ['g2a', 'g2b', 'g0a', 'g0b', 'g1a', 'g1b']
// and the same set-up with gc.collect(1) -> 4, ['g1a', 'g1b', 'g0a', 'g0b'].
TEST_CASE_METHOD(GcFixture, "a full collection examines gen 2 then gen 0 then gen 1", "[gc][finalizer]") {
  gc::disable();
  auto g2 = finalizable_pair("g2");
  gc::collect(1);
  auto g1 = finalizable_pair("g1");
  gc::collect(0);
  auto g0 = finalizable_pair("g0");
  REQUIRE(test::generation_of(g2) == 2);
  REQUIRE(test::generation_of(g1) == 1);
  REQUIRE(test::generation_of(g0) == 0);
  del(g0);
  del(g1);
  del(g2);
  CHECK(gc::collect(2) == 6);
  CHECK(events() == Names{"g2a", "g2b", "g0a", "g0b", "g1a", "g1b"});
}

TEST_CASE_METHOD(GcFixture, "collect(1) examines gen 1 then gen 0 and leaves gen 2 alone", "[gc][finalizer]") {
  gc::disable();
  auto g2 = finalizable_pair("g2");
  gc::collect(1);
  auto g1 = finalizable_pair("g1");
  gc::collect(0);
  auto g0 = finalizable_pair("g0");
  del(g0);
  del(g1);
  del(g2);
  CHECK(gc::collect(1) == 4);
  CHECK(events() == Names{"g1a", "g1b", "g0a", "g0b"});
  events().clear();
  CHECK(gc::collect(2) == 2);
  CHECK(events() == Names{"g2a", "g2b"});
}

// A19: inside one cycle, finalizers run in allocation order:
//   ring("abc") -> ['a', 'b', 'c'];  ring("cba") -> ['c', 'b', 'a']   (collect() == 3 each)
TEST_CASE_METHOD(GcFixture, "finalizers in a cycle run in allocation order", "[gc][finalizer]") {
  auto ring = [](const Names& names) {
    std::vector<Ref<Node>> nodes;
    for (const auto& n : names) nodes.push_back(make<Node>(n));
    for (std::size_t i = 0; i < nodes.size(); ++i) nodes[i]->ref = nodes[(i + nodes.size() - 1) % nodes.size()];
  };
  ring({"a", "b", "c"});
  CHECK(gc::collect() == 3);
  CHECK(events() == Names{"a", "b", "c"});
  events().clear();
  ring({"c", "b", "a"});
  CHECK(gc::collect() == 3);
  CHECK(events() == Names{"c", "b", "a"});
}

// test_gc.py: GCTests.test_saveall and A18: under DEBUG_SAVEALL a collected list lands in
// gc.garbage, itself (the same object, still holding itself); two lists in allocation order.
//   a = []; a.append(a); b = []; b.append(b); del a, b
//   gc.set_debug(gc.DEBUG_SAVEALL); gc.collect() -> 2; [id(x) for x in gc.garbage] == [ia, ib]
TEST_CASE_METHOD(GcFixture, "DEBUG_SAVEALL keeps collected lists in gc.garbage in allocation order", "[gc][debug]") {
  REQUIRE(gc::garbage().empty());
  auto a = list();
  a->append(a);
  auto b = list();
  b->append(b);
  List* const first = a.get();
  List* const second = b.get();
  del(a);
  del(b);
  gc::set_debug(gc::DEBUG_SAVEALL);
  CHECK(gc::collect() == 2);
  gc::set_debug(0);
  REQUIRE(gc::garbage().size() == 2);
  CHECK(gc::garbage()[0].get() == first);
  CHECK(gc::garbage()[1].get() == second);
  CHECK(gc::garbage()[0].as<List>()->operator[](0).get() == first);  // not cleared
  // Saved objects are reachable from gc.garbage: a second collection finds nothing.
  CHECK(gc::collect() == 0);
  gc::garbage().clear();
  CHECK(gc::collect() == 2);
}

// Notebook 4.3 (A18): Uncollectable has a self-reference and __del__; under DEBUG_SAVEALL
//   u = Uncollectable(); del u
//   gc.collect() -> 1; gc.garbage -> [Uncollectable()]; __del__ ran once; is_finalized -> True
//   gc.collect() -> 0 (gc.garbage keeps it)
//   gc.garbage.clear(); gc.set_debug(0); gc.collect() -> 1, and __del__ is not called again.
TEST_CASE_METHOD(GcFixture, "notebook 4.3: a finalized self-cycle under DEBUG_SAVEALL", "[gc][finalizer][debug]") {
  struct Uncollectable : Object {
    Ref<Object> self_ref;
    Uncollectable() : self_ref(self(this)) {}
    GCLAB_TRAVERSE(self_ref)
    std::string repr() const override { return "Uncollectable()"; }
    void finalize() { events().push_back("__del__"); }
  };
  gc::set_debug(gc::DEBUG_SAVEALL);
  {
    auto u = make<Uncollectable>();
  }
  CHECK(gc::collect() == 1);
  CHECK(events() == Names{"__del__"});
  CHECK(gc::garbage().repr() == "[Uncollectable()]");
  REQUIRE(gc::garbage().size() == 1);
  CHECK(gc::is_finalized(gc::garbage()[0]));
  CHECK(gc::collect() == 0);
  CHECK(events() == Names{"__del__"});

  gc::garbage().clear();
  gc::set_debug(0);
  CHECK(gc::collect() == 1);
  CHECK(events() == Names{"__del__"});
}

// D4/A16: under DEBUG_SAVEALL gc.garbage gets every final-unreachable object first
// (delete_garbage), then every member of `finalizers`, legacy or not (handle_legacy_finalizers):
//   x = Legacy('first'); x.x = x; x.y = Plain('tail'); p = Plain('p'); p.p = p; del x, p
//   gc.set_debug(gc.DEBUG_SAVEALL); gc.collect() -> 3
//   gc.garbage -> [<Plain p>, <Legacy first>, <Plain tail>]
TEST_CASE_METHOD(GcFixture, "DEBUG_SAVEALL saves the collectable objects then all the uncollectable ones", "[gc][debug][finalizer]") {
  Object* p_address = nullptr;
  Object* legacy_address = nullptr;
  Object* tail_address = nullptr;
  {
    auto x = make<test::Legacy>("first");
    x->ref = x;
    x->other = make<Plain>();
    legacy_address = x.get();
    tail_address = x->other.get();
    auto p = make<Plain>();
    p->ref = p;
    p_address = p.get();
  }
  gc::set_debug(gc::DEBUG_SAVEALL);
  CHECK(gc::collect() == 3);
  gc::set_debug(0);
  REQUIRE(gc::garbage().size() == 3);
  CHECK(gc::garbage()[0].get() == p_address);
  CHECK(gc::garbage()[1].get() == legacy_address);
  CHECK(gc::garbage()[2].get() == tail_address);
  gc::garbage()[1].as<test::Legacy>()->ref = nullptr;
  gc::garbage()[0].as<Plain>()->ref = nullptr;
  gc::garbage().clear();
  CHECK(test::events() == Names{"tp_del:first"});
}
