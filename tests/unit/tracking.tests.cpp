// What the collector tracks (semantics G1-G3): atoms never, containers and instances always,
// dicts lazily, tuples until a collection finds them holding only atoms.
#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;
using gclab::test::Plain;

namespace {
struct Empty : Object {};  // a class with no fields at all, as `class E: __slots__ = ()`
}  // namespace

// test_gc.py: GCTests.test_is_tracked (G1).
TEST_CASE_METHOD(GcFixture, "atoms are untracked and containers and instances are tracked", "[gc]") {
  CHECK_FALSE(gc::is_tracked(None()));
  CHECK_FALSE(gc::is_tracked(1));
  CHECK_FALSE(gc::is_tracked(10'000'000'000LL));
  CHECK_FALSE(gc::is_tracked(1.0));
  CHECK_FALSE(gc::is_tracked("a"));
  CHECK_FALSE(gc::is_tracked(Ref<Object>()));

  CHECK(gc::is_tracked(list()));
  CHECK(gc::is_tracked(set()));
  CHECK(gc::is_tracked(make<Plain>()));
  CHECK(gc::is_tracked(make<Empty>()));
  // `{}` and `()` are not tracked.
  CHECK_FALSE(gc::is_tracked(dict()));
  CHECK_FALSE(gc::is_tracked(tuple({})));
}

// `() is tuple([])` is True: the empty tuple is a singleton.
TEST_CASE_METHOD(GcFixture, "the empty tuple is one shared object", "[gc][builtins]") {
  CHECK(tuple({}).is(tuple({})));
}

// G2: dict(x=1) is untracked; atomic keys and values keep it so; the first value that may be
// tracked (a list, a dict, a tracked tuple) starts tracking it.
//   d = dict(x=1); d['a'] = 2; d[3] = 's'   -> False
//   d['y'] = []                             -> True
//   d2 = {}; d2['u'] = {}                   -> True  (an untracked dict may become tracked)
//   d3 = {}; d3['t'] = tuple([1, 'x'])      -> True  (a tuple is tracked until a collection)
//   d = {}; d[[]] = 1 raises TypeError      -> d stays untracked
TEST_CASE_METHOD(GcFixture, "dicts are tracked lazily", "[gc]") {
  auto d = dict({{"x", 1}});
  CHECK_FALSE(gc::is_tracked(d));
  d->set("a", 2);
  d->set(3, "s");
  CHECK_FALSE(gc::is_tracked(d));
  d->set("y", list());
  CHECK(gc::is_tracked(d));

  auto d2 = dict();
  d2->set("u", dict());
  CHECK(gc::is_tracked(d2));

  auto t = tuple({1, "x"});
  auto d3 = dict();
  d3->set("t", t);
  CHECK(gc::is_tracked(d3));

  // Once a collection has untracked the tuple, storing it no longer tracks a dict.
  gc::collect(0);
  REQUIRE_FALSE(gc::is_tracked(t));
  auto d4 = dict();
  d4->set("t", t);
  CHECK_FALSE(gc::is_tracked(d4));

  auto d5 = dict();
  CHECK_THROWS_AS(d5->set(list(), 1), TypeError);
  CHECK_FALSE(gc::is_tracked(d5));
}

// G2: d = {"k": []}; d["k"] = 1 -> tracked after collect(0) and collect(1), untracked after
// collect(2) (untrack_dicts runs in full collections only).
TEST_CASE_METHOD(GcFixture, "a dict is untracked again only by a full collection", "[gc]") {
  auto d = dict({{"k", list()}});
  REQUIRE(gc::is_tracked(d));
  d->set("k", 1);
  CHECK(gc::is_tracked(d));
  gc::collect(0);
  CHECK(gc::is_tracked(d));
  gc::collect(1);
  CHECK(gc::is_tracked(d));
  gc::collect(2);
  CHECK_FALSE(gc::is_tracked(d));
  // And a trackable value tracks it again.
  d->set("k", list());
  CHECK(gc::is_tracked(d));
}

// G3: t = tuple([1, "x"]) is tracked when made; any collection that examines it untracks it
// (collect(0) here); tuple([1, []]) stays tracked.
TEST_CASE_METHOD(GcFixture, "a tuple of atoms is untracked by the first collection that sees it", "[gc]") {
  auto atoms = tuple({1, "x"});
  auto holds_list = tuple({1, list()});
  CHECK(gc::is_tracked(atoms));
  CHECK(gc::is_tracked(holds_list));
  gc::collect(0);
  CHECK_FALSE(gc::is_tracked(atoms));
  CHECK(gc::is_tracked(holds_list));
  // A dict counts as possibly tracked even while it is untracked (it may become tracked later,
  // and the tuple would not see that); None, floats, strs and big ints are atoms:
  //   t = tuple([{}, 1.5]); gc.collect(0); gc.is_tracked(t)                  -> True
  //   t = tuple([None, 1.5, 'x', 10**30]); gc.collect(0); gc.is_tracked(t)   -> False
  auto with_dict = tuple({dict(), 1.5});
  auto of_atoms = tuple({None(), 1.5, "x", 10'000'000'000LL});
  gc::collect(0);
  CHECK(gc::is_tracked(with_dict));
  CHECK_FALSE(gc::is_tracked(of_atoms));
}

// G3: untrack_tuples walks the examined generation in allocation order, so an inner tuple of
// atoms is untracked just before the outer tuple that holds it is looked at:
//   inner = tuple([1]); t = tuple([inner, 'x']); gc.collect(0)
//   gc.is_tracked(t), gc.is_tracked(inner) -> False, False
TEST_CASE_METHOD(GcFixture, "a tuple holding a tuple of atoms is untracked in the same collection", "[gc]") {
  auto inner = tuple({1});
  auto t = tuple({inner, "x"});
  CHECK(gc::is_tracked(t));
  gc::collect(0);
  CHECK_FALSE(gc::is_tracked(inner));
  CHECK_FALSE(gc::is_tracked(t));
}
