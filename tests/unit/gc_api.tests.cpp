// The gc module's functions one by one: argument checking, introspection (get_objects,
// get_referents, get_referrers), freeze, get_stats, callbacks, and the checked build's traverse
// verification.
#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;
using gclab::test::holds;
using gclab::test::Node;
using gclab::test::Plain;

namespace {

// A class whose traverse() forgets one of its Ref members.
struct Forgetful : Object {
  Ref<Object> seen;
  Ref<Object> forgotten;
  GCLAB_TRAVERSE(seen)
};

}  // namespace

// G10: gc.collect(-1) and gc.collect(3) -> ValueError: invalid generation.
TEST_CASE_METHOD(GcFixture, "collect rejects generations outside 0 to 2", "[gc]") {
  CHECK_THROWS_MATCHES(gc::collect(-1), ValueError, Catch::Matchers::Message("invalid generation"));
  CHECK_THROWS_MATCHES(gc::collect(3), ValueError, Catch::Matchers::Message("invalid generation"));
  // Nothing ran: no collection was counted.
  CHECK(gc::get_count() == gc::Triple{0, 0, 0});
}

// test_gc.py: GCTests.test_get_objects_arguments (G14):
//   gc.get_objects(3)  -> ValueError: generation parameter must be less than the number of
//                         available generations (3)
//   gc.get_objects(-2) -> ValueError: generation parameter cannot be negative
//   gc.get_objects(-1) == gc.get_objects()  (-1 is the C-level "all" sentinel)
TEST_CASE_METHOD(GcFixture, "get_objects checks its generation and -1 means all", "[gc]") {
  CHECK_THROWS_MATCHES(
      gc::get_objects(3), ValueError,
      Catch::Matchers::Message("generation parameter must be less than the number of available generations (3)"));
  CHECK_THROWS_AS(gc::get_objects(1000), ValueError);
  CHECK_THROWS_WITH(gc::get_objects(1000), Catch::Matchers::StartsWith("generation parameter must be less"));
  CHECK_THROWS_MATCHES(gc::get_objects(-2), ValueError,
                       Catch::Matchers::Message("generation parameter cannot be negative"));
  CHECK_THROWS_AS(gc::get_objects(-1000), ValueError);

  const auto all_size = gc::get_objects()->size();  // each returned list dies right away
  const auto minus_one_size = gc::get_objects(-1)->size();
  CHECK(all_size == minus_one_size);

  auto a = list(), b = list(), c = list();
  gc::collect(1);  // a, b, c -> gen 2
  auto d = list();
  gc::collect(0);  // d -> gen 1
  auto e = list();
  const auto sizes = test::generation_sizes();
  auto all = gc::get_objects();
  // The returned list is not in it; the order is gen 0, then gen 1, then gen 2.
  CHECK(all->size() == sizes.gen0 + sizes.gen1 + sizes.gen2);
  CHECK_FALSE(holds(all, all));
  for (const auto& obj : {a, b, c, d, e}) CHECK(holds(all, obj));
  CHECK((*all)[0].is(e));
  CHECK((*all)[1].is(d));
  auto minus_one = gc::get_objects(-1);
  CHECK(minus_one->size() == all->size() + 1);  // `all` is a new list in gen 0 by now
  CHECK(holds(minus_one, all));
}

// test_gc.py: GCTests.test_get_objects: a list moves gen 0 -> 1 -> 2 and stays in 2.
TEST_CASE_METHOD(GcFixture, "a surviving object moves one generation up per collection", "[gc][schedule]") {
  auto l = list();
  l->append(l);
  CHECK(test::generation_of(l) == 0);
  gc::collect(0);
  CHECK(test::generation_of(l) == 1);
  gc::collect(1);
  CHECK(test::generation_of(l) == 2);
  gc::collect(2);
  CHECK(test::generation_of(l) == 2);
  CHECK_FALSE(holds(gc::get_objects(0), l));
  CHECK_FALSE(holds(gc::get_objects(1), l));
  l->clear();
}

// test_gc.py: GCTests.test_get_referents and G15:
//   gc.get_referents([1, 'a']) == ['a', 1]       (list_traverse visits backwards)
//   gc.get_referents({'k': 'v'}) == ['v']        (a str-keyed dict visits values only)
//   gc.get_referents({1: 'x', 'y': 2}) == ['x', 1, 2, 'y']   (other dicts: value, then key)
//   gc.get_referents((1, 'a')) == ['a', 1]
//   gc.get_referents([1, 2], (3, 4)) == [2, 1, 4, 3]
//   gc.get_referents(1) == gc.get_referents('a') == []
TEST_CASE_METHOD(GcFixture, "get_referents returns what traverse visits", "[gc]") {
  CHECK(repr(gc::get_referents({list({1, "a"})})) == "['a', 1]");
  CHECK(repr(gc::get_referents({dict({{"k", "v"}})})) == "['v']");
  CHECK(repr(gc::get_referents({dict({{1, "x"}, {"y", 2}})})) == "['x', 1, 2, 'y']");
  CHECK(repr(gc::get_referents({tuple({1, "a"})})) == "['a', 1]");
  CHECK(repr(gc::get_referents({list({1, 2}), tuple({3, 4})})) == "[2, 1, 4, 3]");
  CHECK(gc::get_referents({1})->empty());
  CHECK(gc::get_referents({"a"})->empty());
  CHECK(gc::get_referents({1.5, None()})->empty());
  auto p = make<Plain>();
  auto target = list();
  p->ref = target;
  auto got = gc::get_referents({p});
  REQUIRE(got->size() == 1);
  CHECK((*got)[0].is(target));
}

// G15: get_referrers scans the tracked objects of gens 0-2 for containers visiting the object.
//   x = []; a = [x]; b = (x,); d = {'k': x}; gc.get_referrers(x) holds a, b and d (and, in
//   CPython, the module's globals dict, which the engine has no counterpart of).
TEST_CASE_METHOD(GcFixture, "get_referrers finds the containers that refer to an object", "[gc]") {
  auto x = list();
  auto a = list({x});
  auto b = tuple({x});
  auto d = dict({{"k", x}});
  auto unrelated = list({1});
  gc::collect(0);  // a in gen 1: every generation is scanned
  auto got = gc::get_referrers({x});
  CHECK(got->size() == 3);
  CHECK(holds(got, a));
  CHECK(holds(got, b));
  CHECK(holds(got, d));
  CHECK_FALSE(holds(got, unrelated));
  CHECK_FALSE(holds(got, got));
  CHECK(gc::get_referrers({make<Plain>()})->empty());
}

// test_gc.py: GCTests.test_freeze and G13: freeze moves everything to the permanent generation and
// zeroes the counts; frozen garbage is never examined; unfreeze moves it to gen 2.
TEST_CASE_METHOD(GcFixture, "frozen objects are never examined and unfreeze moves them to gen 2", "[gc]") {
  auto holder = list();
  auto x = list();
  holder->append(x);
  gc::collect(0);
  gc::collect(0);
  test::make_self_cycle<Plain>();  // garbage, not yet collected
  REQUIRE(gc::get_count() == gc::Triple{1, 2, 0});
  const auto tracked = gc::get_objects()->size();  // the returned list is not counted

  gc::freeze();
  CHECK(gc::get_freeze_count() == tracked);
  CHECK(gc::get_count() == gc::Triple{0, 0, 0});
  CHECK(gc::get_objects()->empty());
  // get_referrers skips the permanent generation too.
  CHECK(gc::get_referrers({x})->empty());
  // The self-cycle is frozen garbage: not collected, still alive.
  CHECK(gc::collect() == 0);
  CHECK(gc::get_freeze_count() == tracked);

  gc::collect(0);
  gc::unfreeze();
  CHECK(gc::get_freeze_count() == 0);
  CHECK(gc::get_count() == gc::Triple{0, 1, 0});  // unfreeze leaves the counts alone
  CHECK(test::generation_of(holder) == 2);
  CHECK(test::generation_of(x) == 2);
  CHECK(gc::collect() == 1);  // now the self-cycle is found
}

// G13 across the two kinds of collection: references between frozen and examined objects. A full
// collection examines every tracked object but the frozen ones, and tells them apart by a mark
// that freeze() sets and unfreeze() clears. Python 3.11 (gc.disable(), a __slots__ class P):
//   frozen = [None]; gc.freeze()
//   a = P(); b = P(); a.ref = b; b.ref = a; a.other = frozen; frozen[0] = a; del a, b
//   gc.collect() -> 0        # held from a frozen object
//   frozen[0] = None; gc.collect() -> 2; gc.is_tracked(frozen) -> True
//   c = P(); d = P(); c.ref = d; d.ref = c; c.other = frozen; d.other = also_frozen; del c, d
//   gc.collect() -> 2        # refers to frozen objects: still garbage
//   del also_frozen          # gc.get_freeze_count() drops by 1
//   gc.unfreeze(); gc.collect() -> 0; frozen in gc.get_objects(2) -> True
//   e = P(); e.ref = e; e.other = frozen; del e; gc.collect() -> 1
TEST_CASE_METHOD(GcFixture, "a full collection leaves frozen objects out on both sides of a reference", "[gc]") {
  auto frozen = list();
  frozen->append(None());
  auto also_frozen = list();
  gc::freeze();
  const auto permanent = gc::get_freeze_count();
  {
    auto a = make<Plain>(), b = make<Plain>();
    a->ref = b;
    b->ref = a;
    a->other = frozen;
    (*frozen)[0] = a;
  }
  CHECK(gc::collect() == 0);
  CHECK(gc::collect(0) == 0);
  (*frozen)[0] = None();
  CHECK(gc::collect() == 2);
  CHECK(gc::is_tracked(frozen));
  CHECK(gc::get_freeze_count() == permanent);
  {
    auto c = make<Plain>(), d = make<Plain>();
    c->ref = d;
    d->ref = c;
    c->other = frozen;
    d->other = also_frozen;
  }
  CHECK(gc::collect() == 2);
  CHECK(gc::get_freeze_count() == permanent);
  CHECK(frozen->refcount() == 1);  // the cycles that held it are gone
  // Its links in the permanent generation are intact: it leaves it by refcount.
  del(also_frozen);
  CHECK(gc::get_freeze_count() == permanent - 1);

  gc::unfreeze();
  CHECK(gc::collect() == 0);
  CHECK(test::generation_of(frozen) == 2);
  {
    auto e = make<Plain>();
    e->ref = e;
    e->other = frozen;
  }
  CHECK(gc::collect() == 1);
  // Frozen again, then collected over: the marks of the first freeze are gone.
  gc::freeze();
  gc::unfreeze();
  CHECK(gc::collect() == 0);
  CHECK(test::generation_of(frozen) == 2);
}

// test_gc.py: GCTests.test_get_stats and G11: a collection bumps only its own generation's entry.
TEST_CASE_METHOD(GcFixture, "get_stats counts collections per collected generation", "[gc]") {
  const auto old = gc::get_stats();
  REQUIRE(old.size() == 3);
  gc::collect(0);
  auto now = gc::get_stats();
  CHECK(now[0].collections == old[0].collections + 1);
  CHECK(now[1].collections == old[1].collections);
  CHECK(now[2].collections == old[2].collections);
  gc::collect(2);
  now = gc::get_stats();
  CHECK(now[0].collections == old[0].collections + 1);
  CHECK(now[1].collections == old[1].collections);
  CHECK(now[2].collections == old[2].collections + 1);
  gc::collect(1);
  now = gc::get_stats();
  CHECK(now[1].collections == old[1].collections + 1);
  // {'collections': 0, 'collected': 0, 'uncollectable': 0}
  CHECK(gc::GenerationStats{}.str() == "{'collections': 0, 'collected': 0, 'uncollectable': 0}");
}

// G11: (return value, Δcollected, Δuncollectable) of gen 2. test_gc.py:
// GCTests.test_resurrection_does_not_block_cleanup_of_other_objects:
//   100 self-cycles -> (100, 100, 0); one resurrecting Z -> (0, 0, 0); both -> (100, 100, 0);
//   after zs.clear() -> (2, 2, 0).
TEST_CASE_METHOD(GcFixture, "resurrection does not block the cleanup of other objects", "[gc][finalizer]") {
  gc::disable();
  auto resurrecting_z = [] {
    auto z = make<Node>("Z");
    z->ref = z;
    z->on_del = [](Node& node) { test::survivors().push_back(self(&node)); };
  };
  auto delta = [](const std::vector<gc::GenerationStats>& before) {
    const auto after = gc::get_stats();
    return std::pair{after[2].collected - before[2].collected,
                     after[2].uncollectable - before[2].uncollectable};
  };
  constexpr int N = 100;

  auto before = gc::get_stats();
  for (int i = 0; i < N; ++i) test::make_self_cycle<Plain>();
  CHECK(gc::collect() == N);
  CHECK(delta(before) == std::pair<std::ptrdiff_t, std::ptrdiff_t>{N, 0});

  before = gc::get_stats();
  resurrecting_z();
  CHECK(gc::collect() == 0);
  CHECK(delta(before) == std::pair<std::ptrdiff_t, std::ptrdiff_t>{0, 0});

  before = gc::get_stats();
  for (int i = 0; i < N; ++i) test::make_self_cycle<Plain>();
  resurrecting_z();
  CHECK(gc::collect() == N);
  CHECK(delta(before) == std::pair<std::ptrdiff_t, std::ptrdiff_t>{N, 0});

  before = gc::get_stats();
  test::clear_survivors();
  CHECK(gc::collect() == 2);
  CHECK(delta(before) == std::pair<std::ptrdiff_t, std::ptrdiff_t>{2, 0});
}

// test_gc.py: GCCallbackTests.test_collect and test_collect_generation (G12): every callback gets
// "start" and then "stop", in list order, with generation/collected/uncollectable.
TEST_CASE_METHOD(GcFixture, "callbacks get start then stop in list order", "[gc]") {
  struct Visit {
    int who;
    std::string phase;
    gc::CallbackInfo info;
  };
  std::vector<Visit> visits;
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo& info) {
    visits.push_back({1, std::string(phase), info});
  });
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo& info) {
    visits.push_back({2, std::string(phase), info});
  });
  test::make_self_cycle<Plain>();
  test::make_self_cycle<Plain>();
  CHECK(gc::collect(1) == 2);
  REQUIRE(visits.size() == 4);
  CHECK(visits[0].who == 1);
  CHECK(visits[0].phase == "start");
  CHECK(visits[1].who == 2);
  CHECK(visits[1].phase == "start");
  CHECK(visits[2].who == 1);
  CHECK(visits[2].phase == "stop");
  CHECK(visits[3].who == 2);
  CHECK(visits[3].phase == "stop");
  for (const auto& v : visits) CHECK(v.info.generation == 1);
  // On "start" collected and uncollectable are 0; "stop" has the result.
  CHECK(visits[0].info.collected == 0);
  CHECK(visits[0].info.uncollectable == 0);
  CHECK(visits[2].info.collected == 2);
  CHECK(visits[2].info.uncollectable == 0);
}

// G12: a raising callback goes to sys.unraisablehook ("Exception ignored in: ..."), and both the
// other callbacks and the collection go on.
TEST_CASE_METHOD(GcFixture, "a throwing callback is reported and the collection goes on", "[gc]") {
  std::vector<std::string> phases;
  gc::callbacks().push_back([](std::string_view, const gc::CallbackInfo&) { throw ValueError("boom"); });
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo&) {
    phases.emplace_back(phase);
  });
  test::make_self_cycle<Plain>();
  CHECK(gc::collect() == 1);
  CHECK(phases == std::vector<std::string>{"start", "stop"});
  const std::string report = err();
  CHECK_THAT(report, Catch::Matchers::StartsWith("Exception ignored in: "));
  // Reported once for "start" and once for "stop".
  std::size_t reports = 0;
  for (auto at = report.find("ValueError: boom\n"); at != std::string::npos;
       at = report.find("ValueError: boom\n", at + 1)) {
    ++reports;
  }
  CHECK(reports == 2);
}

// G10: a call made while a collection is already running returns 0 and does nothing -- here
// from a callback (gc.callbacks.append(lambda p, i: res.append(gc.collect())) -> [0, 0]).
TEST_CASE_METHOD(GcFixture, "collect called from a callback returns 0", "[gc]") {
  std::vector<std::ptrdiff_t> results;
  gc::callbacks().push_back([&](std::string_view, const gc::CallbackInfo&) {
    results.push_back(gc::collect());
  });
  test::make_self_cycle<Plain>();
  CHECK(gc::collect() == 1);
  CHECK(results == std::vector<std::ptrdiff_t>{0, 0});
}

// D1: DEBUG_STATS=1, DEBUG_COLLECTABLE=2, DEBUG_UNCOLLECTABLE=4, DEBUG_SAVEALL=32, DEBUG_LEAK=38;
// set_debug replaces the flags and get_debug returns them.
TEST_CASE_METHOD(GcFixture, "debug flags have CPython's values", "[gc][debug]") {
  CHECK(gc::DEBUG_STATS == 1);
  CHECK(gc::DEBUG_COLLECTABLE == 2);
  CHECK(gc::DEBUG_UNCOLLECTABLE == 4);
  CHECK(gc::DEBUG_SAVEALL == 32);
  CHECK(gc::DEBUG_LEAK == 38);
  CHECK(gc::get_debug() == 0);
  gc::set_debug(gc::DEBUG_STATS | gc::DEBUG_SAVEALL);
  CHECK(gc::get_debug() == 33);
  gc::set_debug(gc::DEBUG_COLLECTABLE);
  CHECK(gc::get_debug() == gc::DEBUG_COLLECTABLE);
}

// The checked build verifies at make<T>() that traverse() visits every Ref member; a forgotten
// one would hide a reference from the collector (collect() would free a live object).
TEST_CASE_METHOD(GcFixture, "make rejects a class whose traverse misses a Ref member", "[gc]") {
  if constexpr (!detail::kChecked) {
    WARN("skipped: GCLAB_CHECKED is off in this build");
  } else {
    const auto before = gc::get_count();
    CHECK_THROWS_AS(make<Forgetful>(), TypeError);
    CHECK_THROWS_WITH(make<Forgetful>(), Catch::Matchers::Contains("Forgetful::traverse()"));
    // The half-made objects were freed again.
    CHECK(gc::get_count() == before);
    // A class that lists every field is accepted.
    CHECK(make<Plain>());
  }
}
