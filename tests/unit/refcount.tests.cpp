// Reference counts (semantics section 1): what sys.getrefcount reports as names, arguments and
// container slots come and go, and that freeing never recurses without bound (the trashcan).
#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;
using gclab::test::Node;
using gclab::test::Plain;

namespace {

struct Link : Object {
  Ref<Link> next;
  GCLAB_TRAVERSE(next)
};

}  // namespace

// Notebook 2.1 (R1): a = [1, 2, 3]; b = a; c = a; del b; del c  ->  2, 3, 4, 3, 2
TEST_CASE_METHOD(GcFixture, "getrefcount follows names being bound and deleted", "[refcount]") {
  Ref<List> a = list({1, 2, 3});
  CHECK(sys::getrefcount(a) == 2);
  Ref<List> b = a;
  CHECK(sys::getrefcount(a) == 3);
  Ref<List> c = a;
  CHECK(sys::getrefcount(a) == 4);
  del(b);
  CHECK(sys::getrefcount(a) == 3);
  del(c);
  CHECK(sys::getrefcount(a) == 2);
}

// sys.getrefcount([]) == 1: a temporary argument is the only reference.
TEST_CASE_METHOD(GcFixture, "getrefcount of a temporary is 1", "[refcount]") {
  CHECK(sys::getrefcount(list()) == 1);
  CHECK(sys::getrefcount(make<Plain>()) == 1);
}

// Notebook 2.3 (R2):
//   def f(x): r1 = sys.getrefcount(x); y = x; r2 = sys.getrefcount(x); return r1, r2
//   f(data) == (3, 4);  result = store(data) -> 3;  del result -> 2
TEST_CASE_METHOD(GcFixture, "an argument adds one reference while the call is active", "[refcount]") {
  Ref<List> data = list({1, 2, 3});
  auto f = [](Ref<List> x) {
    const auto r1 = sys::getrefcount(x);
    Ref<List> alias = x;
    const auto r2 = sys::getrefcount(x);
    return std::pair{r1, r2};
  };
  const auto [in_call, with_alias] = f(data);
  CHECK(in_call == 3);
  CHECK(with_alias == 4);
  CHECK(sys::getrefcount(data) == 2);

  auto store = [](Ref<List> x) { return x; };
  Ref<List> result = store(data);
  CHECK(sys::getrefcount(data) == 3);
  del(result);
  CHECK(sys::getrefcount(data) == 2);
}

// R3: `[o, o]` adds 2; a dict key adds 1 and a dict value 1; a tuple element 1.
TEST_CASE_METHOD(GcFixture, "every container slot is one reference", "[refcount]") {
  auto o = make<Plain>();
  REQUIRE(sys::getrefcount(o) == 2);
  {
    auto l = list({o, o});
    CHECK(sys::getrefcount(o) == 4);
  }
  CHECK(sys::getrefcount(o) == 2);

  Ref<Object> key = make<Plain>();  // an instance is hashable by identity, as in Python
  auto d = dict();
  d->set(key, o);
  CHECK(sys::getrefcount(o) == 3);
  CHECK(sys::getrefcount(key) == 3);
  auto t = tuple({o});
  CHECK(sys::getrefcount(o) == 4);
  d->erase(key);
  CHECK(sys::getrefcount(o) == 3);
  CHECK(sys::getrefcount(key) == 2);
  del(t);
  CHECK(sys::getrefcount(o) == 2);
}

// Notebook 3 (R6): a.ref = b; b.ref = a -> each count is 2 (getrefcount - 1 goes 1 -> 2), and
// after del a, b both stay alive until the collector runs.
TEST_CASE_METHOD(GcFixture, "a two-object cycle keeps both alive after del until collect", "[refcount]") {
  auto a = make<Node>("A");
  auto b = make<Node>("B");
  CHECK(sys::getrefcount(a) - 1 == 1);
  CHECK(sys::getrefcount(b) - 1 == 1);
  a->ref = b;
  b->ref = a;
  CHECK(sys::getrefcount(a) - 1 == 2);
  CHECK(sys::getrefcount(b) - 1 == 2);

  Node* raw_a = a.get();
  del(a);
  del(b);
  // Still alive: nothing has run its finalizer, and the collector still tracks them.
  CHECK(test::events().empty());
  CHECK(raw_a->refcount() == 1);
  CHECK(gc::collect() == 2);
  CHECK(test::events() == std::vector<std::string>{"A", "B"});
}

// test_gc.py: GCTests.test_trashcan (the idea of it): freeing a very deep structure by refcount
// must not recurse once per level. 10**6 nested links would overflow any C++ stack.
TEST_CASE_METHOD(GcFixture, "freeing a million-long chain by refcount does not overflow the stack",
                 "[refcount]") {
  gc::disable();  // only the deallocation is under test
  constexpr int kLength = 1'000'000;
  Ref<Link> head;
  for (int i = 0; i < kLength; ++i) {
    auto link = make<Link>();
    link->next = std::move(head);
    head = std::move(link);
  }
  CHECK(gc::get_count().gen0 == kLength);
  del(head);
  // Every link was a GC allocation and has been freed again: count0 is back to 0 (G6).
  CHECK(gc::get_count().gen0 == 0);
}

// test_gc.py: GCTests.test_trashcan: nested lists and dicts of objects whose __del__ runs a full
// collection every 17th call, freed by refcount while the collector is enabled.
TEST_CASE_METHOD(GcFixture, "finalizers that collect while a nested structure is freed", "[refcount]") {
  int calls = 0;
  auto ouch = [&calls] {
    auto n = make<Node>("ouch");
    n->on_del = [&calls](Node&) {
      if (++calls % 17 == 0) gc::collect();
    };
    return n;
  };
  constexpr int N = 150;
  for (int round = 0; round < 2; ++round) {
    Ref<Object> t = list();
    for (int i = 0; i < N; ++i) t = list({t, ouch()});
    Ref<Object> u = list();
    for (int i = 0; i < N; ++i) u = list({u, ouch()});
    Ref<Object> v = dict();
    for (int i = 0; i < N; ++i) v = dict({{1, v}, {2, ouch()}});
  }
  CHECK(calls == 2 * 3 * N);
}

namespace {

/// "48..0" style expectations: the numbers from `from` to `to` inclusive, either direction.
std::vector<std::string> count_run(int from, int to) {
  std::vector<std::string> run;
  for (int k = from;; k += from <= to ? 1 : -1) {
    run.push_back(std::to_string(k));
    if (k == to) break;
  }
  return run;
}

std::vector<std::string> runs(std::initializer_list<std::pair<int, int>> ranges) {
  std::vector<std::string> all;
  for (auto [from, to] : ranges) {
    auto run = count_run(from, to);
    all.insert(all.end(), run.begin(), run.end());
  }
  return all;
}

/// `for k in reversed(range(n)): link = N(); link.d = D(k); link.next = head; head = link`: a
/// chain of `__slots__ = ('d', 'next')` links whose d finalizers record k.
Ref<Plain> chain_of_finalizers(int n) {
  Ref<Plain> head;
  for (int k = n - 1; k >= 0; --k) {
    auto link = make<Plain>();
    link->ref = make<Node>(std::to_string(k));
    link->other = std::move(head);
    head = std::move(link);
  }
  return head;
}

}  // namespace

// CPython's trashcan (Py_TRASHCAN_BEGIN, _PyTrash_UNWIND_LEVEL = 50) decides the order in which
// the finalizers of a structure deeper than 50 levels run: a deallocation that would nest 50
// deep is set aside until the outermost one returns, and the objects set aside are then freed
// newest first, one level down (_PyTrash_thread_destroy_chain raises the nesting to 1 first).
// python3 3.11: `node = None; for k in reversed(range(130)): node = [D(k), node]`, then
// `del node`, with D.__del__ appending k: 48..0, 49, 97..50, 98, 129..99 (a list drops its
// items last to first, so the deeper list dies before its D).
TEST_CASE_METHOD(GcFixture, "finalizers of a structure deeper than the trashcan run in CPython's order",
                 "[refcount]") {
  gc::disable();
  Ref<Object> node = None();
  for (int k = 129; k >= 0; --k) node = list({make<Node>(std::to_string(k)), node});
  del(node);
  CHECK(test::events() == runs({{48, 0}, {49, 49}, {97, 50}, {98, 98}, {129, 99}}));

  // class N: __slots__ = ('d', 'next'): the slots are cleared in order, so each D dies before
  // the rest of the chain: 0..48, 50..97, 99..129, 98, 49.
  test::events().clear();
  Ref<Plain> head = chain_of_finalizers(130);
  del(head);
  CHECK(test::events() == runs({{0, 48}, {50, 97}, {99, 129}, {98, 98}, {49, 49}}));
}

// A finalizer that frees a deep structure starts the cascade one level down (its own object's
// death is in progress), and what the trashcan sets aside is still freed before `del x` returns.
// python3 3.11: a 100-long chain of `__slots__ = ('d', 'next')` links, each d a D(k), dropped by
// X.__del__ (`global chain; chain = None`): X, 0..47, 49..96, 98, 99, 97, 48.
TEST_CASE_METHOD(GcFixture, "a finalizer that frees a deep structure frees all of it", "[refcount]") {
  gc::disable();
  Ref<Plain> chain = chain_of_finalizers(100);
  auto x = make<Node>("X");
  x->on_del = [&chain](Node&) { chain.reset(); };
  del(x);
  auto expected = runs({{0, 47}, {49, 96}, {98, 99}, {97, 97}, {48, 48}});
  expected.insert(expected.begin(), "X");
  CHECK(test::events() == expected);
}

// An object set aside by the trashcan has no references left but has not died yet: its weak
// references already answer None, and their callbacks run only when it is finally freed.
// python3 3.11: a 60-long chain of `__slots__ = ('next', '__weakref__')` objects and an X whose
// __del__ reads two weakrefs, in `L = [X(), head]; del head; del L`: the chain's 49th link from
// the head is freed before X's __del__ (callback "cb48" first), the 50th is set aside (its
// callback after): ['cb48', ('del X', True, True, True), 'cb49'].
TEST_CASE_METHOD(GcFixture, "weak references to an object the trashcan set aside are already dead",
                 "[refcount][weakref]") {
  gc::disable();
  std::vector<Ref<Plain>> nodes;  // in creation order: the head is the last
  Ref<Plain> head;
  for (int k = 0; k < 60; ++k) {
    auto n = make<Plain>();
    n->other = std::move(head);
    head = n;
    nodes.push_back(n);
  }
  auto log = [](std::string what) { return [what](const weakref::ref<Plain>&) { test::events().push_back(what); }; };
  // The links 48 and 49 steps from the head.
  weakref::ref<Plain> w48(nodes[59 - 48], log("cb48")), w49(nodes[59 - 49], log("cb49"));
  nodes.clear();
  auto x = make<Node>("del X");
  x->on_del = [&](Node&) {
    test::events().push_back(fmt::format("{} {} {}", !w48(), !w49(), w49.repr().ends_with("dead>")));
  };
  Ref<Object> l = list({x, head});
  del(x);
  del(head);
  del(l);
  CHECK(test::events() == std::vector<std::string>{"cb48", "del X", "true true true", "cb49"});
}
