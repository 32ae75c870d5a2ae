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
