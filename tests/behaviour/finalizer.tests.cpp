// PEP 442 finalizers and legacy (tp_del) finalizers: ports of CPython's test_finalization.py and
// of the finalizer cases of test_gc.py (semantics A8-A19, G10, G12, G16).
#include <regex>

#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::events;
using gclab::test::GcFixture;
using gclab::test::Legacy;
using gclab::test::Node;
using gclab::test::Plain;
using gclab::test::survivors;

using Names = std::vector<std::string>;

namespace {

// Records its own destruction (the memory being released), which Python can only observe
// through a weakref: "freed:<name>".
struct Tracked : Object {
  std::string name;
  Ref<Object> ref;
  Ref<Object> other;
  std::function<void(Tracked&)> on_del;
  explicit Tracked(std::string n) : name(std::move(n)) {}
  ~Tracked() override { events().push_back("freed:" + name); }
  GCLAB_TRAVERSE(ref, other)
  void finalize() {
    events().push_back(name);
    if (on_del) on_del(*this);
  }
};

// test_finalization.py: ChainedBase and its three flavours.
struct Chained : Object {
  enum class Kind { Simple, Resurrector, Suicidal };
  Kind kind;
  int index;
  bool suicided = false;
  Ref<Chained> left;
  Ref<Chained> right;
  static std::vector<std::string>& errors() {
    static std::vector<std::string> list;
    return list;
  }

  Chained(Kind k, int i) : kind(k), index(i) {}
  GCLAB_TRAVERSE(left, right)
  void chain(const Ref<Chained>& to_left) {
    left = to_left;
    to_left->right = self(this);
  }
  // check_sanity: no neighbour was torn down (tp_clear) before every finalizer had run.
  void check_sanity() {
    if (suicided) {
      if (left || right) errors().push_back("suicided but linked");
      return;
    }
    if (!left || !right) {
      errors().push_back("links cleared before the finalizer ran");
      return;
    }
    if (left->suicided ? bool(left->right) : left->right.get() != this) errors().push_back("bad left");
    if (right->suicided ? bool(right->left) : right->left.get() != this) errors().push_back("bad right");
  }
  void finalize() {
    events().push_back(std::to_string(index));
    check_sanity();
    if (kind == Kind::Resurrector) {
      survivors().push_back(self(this));
    } else if (kind == Kind::Suicidal) {
      suicided = true;
      left = nullptr;
      right = nullptr;
    }
  }
};

// A class with both a PEP 442 finalizer and a legacy one (test_finalization.py: LegacyBase).
struct LegacyBoth : Object {
  std::string name;
  Ref<Object> ref;
  bool resurrect = false;
  explicit LegacyBoth(std::string n, bool r = false) : name(std::move(n)), resurrect(r) {}
  GCLAB_TRAVERSE(ref)
  void finalize() { events().push_back("__del__:" + name); }
  void legacy_del() {
    events().push_back("tp_del:" + name);
    if (resurrect) survivors().push_back(self(this));
  }
};

// test_gc.py: Uncollectable -- a pair of partners with a legacy finalizer.
struct Uncollectable : Object {
  Ref<Object> partner;
  GCLAB_TRAVERSE(partner)
  void legacy_del() {}
};

void make_uncollectable_pair() {
  auto a = make<Uncollectable>();
  auto b = make<Uncollectable>();
  a->partner = b;
  b->partner = a;
}

}  // namespace

// test_finalization.py: SimpleFinalizationTest.test_simple: refcount death runs __del__ once.
TEST_CASE_METHOD(GcFixture, "refcount death runs the finalizer", "[finalizer]") {
  auto s = make<Tracked>("s");
  CHECK_FALSE(gc::is_finalized(s));
  del(s);
  CHECK(events() == Names{"s", "freed:s"});
  gc::collect();
  CHECK(events() == Names{"s", "freed:s"});
}

// test_finalization.py: SimpleFinalizationTest.test_simple_resurrect. Python:
//   r = Res(); del r    -> __del__ ran; survivors == [r]; gc.is_tracked -> True;
//                          gc.is_finalized -> True; sys.getrefcount -> 2
//   survivors.clear()   -> freed, __del__ not called again; gc.collect() -> 0
TEST_CASE_METHOD(GcFixture, "a finalizer that resurrects on refcount death keeps the object alive", "[finalizer]") {
  auto r = make<Tracked>("r");
  r->on_del = [](Tracked& t) { survivors().push_back(self(&t)); };
  del(r);
  CHECK(events() == Names{"r"});
  REQUIRE(survivors().size() == 1);
  CHECK(gc::is_tracked(survivors()[0]));
  CHECK(gc::is_finalized(survivors()[0]));
  CHECK(sys::getrefcount(survivors()[0]) == 2);
  test::clear_survivors();
  CHECK(events() == Names{"r", "freed:r"});
  CHECK(gc::collect() == 0);
}

// test_finalization.py: SelfCycleFinalizationTest.test_simple.
TEST_CASE_METHOD(GcFixture, "a self-cycle with a finalizer is finalized once and freed", "[finalizer]") {
  auto s = make<Tracked>("s");
  s->ref = s;
  del(s);
  CHECK(events().empty());
  CHECK(gc::collect() == 1);
  CHECK(events() == Names{"s", "freed:s"});
  CHECK(gc::collect() == 0);
  CHECK(events().size() == 2);
}

// test_gc.py: GCTests.test_resurrection_only_happens_once_per_object, test_finalization.py:
// SelfCycleFinalizationTest.test_simple_resurrect and A19:
//   laz = Lazarus() (self-loop, __del__ appends self); del laz; gc.collect() -> 0, one call
//   resurrected_instances.clear(); gc.collect() -> 1, still one call
TEST_CASE_METHOD(GcFixture, "a resurrected object is finalized only once", "[finalizer]") {
  gc::disable();
  int resurrected = 0;
  {
    auto laz = make<Node>("laz");
    laz->ref = laz;
    laz->on_del = [&resurrected](Node& n) {
      ++resurrected;
      survivors().push_back(self(&n));
    };
  }
  CHECK(gc::collect() == 0);
  CHECK(resurrected == 1);
  REQUIRE(survivors().size() == 1);
  CHECK(gc::is_finalized(survivors()[0]));
  // The resurrected object went on to the old generation with its cycle intact.
  CHECK(survivors()[0].as<Node>()->ref.is(survivors()[0]));
  CHECK(test::generation_of(survivors()[0]) == 2);

  test::clear_survivors();
  CHECK(gc::collect() == 1);
  CHECK(resurrected == 1);
}

// test_gc.py: GCTests.test_resurrection_is_transitive: laz <-> cargo (cargo also a self-loop);
// laz's __del__ resurrects it, and with it everything it reaches, intact:
//   gc.collect() -> 0; instance.cargo is cargo; cargo.laz is instance; later drop -> 2
TEST_CASE_METHOD(GcFixture, "resurrection is transitive", "[finalizer]") {
  gc::disable();
  Plain* cargo_address = nullptr;
  {
    auto laz = make<Node>("laz");
    laz->on_del = [](Node& n) { survivors().push_back(self(&n)); };
    auto cargo = make<Plain>();
    cargo->ref = cargo;
    cargo_address = cargo.get();
    laz->other = cargo;
    cargo->other = laz;
  }
  CHECK(gc::collect() == 0);
  REQUIRE(survivors().size() == 1);
  auto instance = survivors()[0].as<Node>();
  test::clear_survivors();
  REQUIRE(instance->other);
  CHECK(instance->other.get() == cargo_address);
  CHECK(instance->other.as<Plain>()->other.is(instance));
  CHECK(instance->other.as<Plain>()->ref.is(instance->other));
  CHECK(gc::collect() == 0);
  del(instance);
  CHECK(gc::collect() == 2);
  CHECK(events() == Names{"laz"});
}

// test_finalization.py: SelfCycleFinalizationTest.test_simple_suicide: __del__ breaks its own
// cycle, so the object dies by refcount inside finalize_garbage: gc.collect() -> 0.
TEST_CASE_METHOD(GcFixture, "a finalizer that breaks its own cycle", "[finalizer]") {
  {
    auto s = make<Tracked>("s");
    s->ref = s;
    s->on_del = [](Tracked& t) { t.ref = nullptr; };
  }
  CHECK(gc::collect() == 0);
  CHECK(events() == Names{"s", "freed:s"});
  CHECK(gc::collect() == 0);
}

// test_gc.py: GCTests.test_bug21435: B.__del__ drops B's link to A, which frees A by refcount in
// the middle of finalize_garbage, and then B and its other A.
//   a = A(); b = B(A()); a.attr = b; b.attr = a; (all dropped); gc.collect() -> 0
TEST_CASE_METHOD(GcFixture, "a finalizer that frees other garbage by refcount", "[finalizer]") {
  {
    auto a = make<Plain>();
    auto x = make<Plain>();
    auto b = make<Tracked>("B");
    b->other = x;
    b->on_del = [](Tracked& t) { t.ref = nullptr; };  // self.attr = None
    a->ref = b;
    b->ref = a;
  }
  CHECK(gc::collect() == 0);
  CHECK(events() == Names{"B", "freed:B"});
  CHECK(gc::collect() == 0);
}

// test_finalization.py: CycleChainFinalizationTest. A ring of N nodes (nodes[i].left =
// nodes[i-1], and back); every finalizer runs, in order, before any node is torn down; the
// resurrectors survive. Python 3.11 (r1, survivors, r2 after clearing them):
//   homogenous [SimpleChained]*3                                          -> 3, 0, 0
//   homogenous_resurrect [ChainedResurrector]*3                           -> 0, 3, 3
//   homogenous_suicidal [SuicidalChained]*3                               -> 0, 0, 0
//   heterogenous_suicidal_one [Suicidal, Simple]*2                        -> 0, 0, 0
//   heterogenous_resurrect_two [Resurrector, Simple, Suicidal]*2          -> 0, 2, 6
//   heterogenous_resurrect_three [Resurrector]*2+[Simple]*2+[Suicidal]*2  -> 0, 2, 6
TEST_CASE_METHOD(GcFixture, "finalizers of a cyclic chain see it intact", "[finalizer]") {
  using K = Chained::Kind;
  struct Case {
    std::vector<K> kinds;
    std::ptrdiff_t first, survivors, second;
  };
  Case c{{}, 0, 0, 0};
  SECTION("homogenous") { c = {{K::Simple, K::Simple, K::Simple}, 3, 0, 0}; }
  SECTION("homogenous resurrect") { c = {{K::Resurrector, K::Resurrector, K::Resurrector}, 0, 3, 3}; }
  SECTION("homogenous suicidal") { c = {{K::Suicidal, K::Suicidal, K::Suicidal}, 0, 0, 0}; }
  SECTION("heterogenous suicidal one") { c = {{K::Suicidal, K::Simple, K::Suicidal, K::Simple}, 0, 0, 0}; }
  SECTION("heterogenous resurrect two") {
    c = {{K::Resurrector, K::Simple, K::Suicidal, K::Resurrector, K::Simple, K::Suicidal}, 0, 2, 6};
  }
  SECTION("heterogenous resurrect three") {
    c = {{K::Resurrector, K::Resurrector, K::Simple, K::Simple, K::Suicidal, K::Suicidal}, 0, 2, 6};
  }
  Chained::errors().clear();
  gc::disable();
  {
    std::vector<Ref<Chained>> nodes;
    for (std::size_t i = 0; i < c.kinds.size(); ++i) nodes.push_back(make<Chained>(c.kinds[i], static_cast<int>(i)));
    for (std::size_t i = 0; i < nodes.size(); ++i) nodes[i]->chain(nodes[(i + nodes.size() - 1) % nodes.size()]);
  }
  Names all;
  for (std::size_t i = 0; i < c.kinds.size(); ++i) all.push_back(std::to_string(i));

  CHECK(gc::collect() == c.first);
  CHECK(events() == all);
  CHECK(static_cast<std::ptrdiff_t>(survivors().size()) == c.survivors);
  CHECK(Chained::errors().empty());
  test::clear_survivors();
  CHECK(gc::collect() == c.second);
  CHECK(events() == all);  // no finalizer ran twice
}

// test_gc.py: GCTests.test_is_finalized and G16: False for an int and for a fresh object; True
// once __del__ ran (here through the collector, resurrecting).
TEST_CASE_METHOD(GcFixture, "is_finalized turns true once the finalizer ran", "[finalizer]") {
  CHECK_FALSE(gc::is_finalized(3));
  CHECK_FALSE(gc::is_finalized(make<Plain>()));
  {
    auto lazarus = make<Node>("lazarus");
    lazarus->on_del = [](Node& n) { survivors().push_back(self(&n)); };
    CHECK_FALSE(gc::is_finalized(lazarus));
    lazarus->ref = lazarus;
  }
  gc::collect();
  REQUIRE(survivors().size() == 1);
  CHECK(gc::is_finalized(survivors()[0]));
}

// A12: an exception from __del__ goes to sys.unraisablehook:
//   Exception ignored in: <function Node.__del__ at 0x7f...>
//   Traceback (most recent call last): ...     (the engine has no Python traceback)
//   ValueError: boom
// and neither the other finalizers nor the collection stop: a<->b, a raising -> collect() == 2,
// __del__ order ['a', 'b']. On refcount death the caller goes on as well.
TEST_CASE_METHOD(GcFixture, "an exception thrown by a finalizer is reported and ignored", "[finalizer]") {
  const std::regex report(R"(Exception ignored in: <function Node\.__del__ at 0x[0-9a-f]+>\nValueError: boom\n)");
  auto boom = [](Node&) { throw ValueError("boom"); };
  {
    auto a = make<Node>("a"), b = make<Node>("b");
    a->on_del = boom;
    a->ref = b;
    b->ref = a;
  }
  CHECK(gc::collect() == 2);
  CHECK(events() == Names{"a", "b"});
  CHECK(std::regex_match(err(), report));

  {
    auto c = make<Node>("c");
    c->on_del = boom;
  }  // refcount death: reported, and execution continues here
  CHECK(events() == Names{"a", "b", "c"});
  const std::string twice = err();
  const auto second = twice.find("Exception ignored in:", 1);
  REQUIRE(second != std::string::npos);
  CHECK(std::regex_match(twice.substr(second), report));
}

// G10: collect() from __del__ while a collection runs returns 0 and does nothing; from a __del__
// run by refcount death (no collection running) it is a real collection.
//   i = Inner() (self-cycle, __del__ appends gc.collect()); gc.collect() -> 1, res == [0]
//   j = self-cycle garbage; o = Outer(); del o  -> res == [0, 1]
TEST_CASE_METHOD(GcFixture, "collect called from a finalizer", "[finalizer]") {
  std::vector<std::ptrdiff_t> results;
  auto collecting = [&results](Node&) { results.push_back(gc::collect()); };
  {
    auto inner = make<Node>("inner");
    inner->ref = inner;
    inner->on_del = collecting;
  }
  CHECK(gc::collect() == 1);
  CHECK(results == std::vector<std::ptrdiff_t>{0});

  test::make_self_cycle<Plain>();
  {
    auto outer = make<Node>("outer");
    outer->on_del = collecting;
  }
  CHECK(results == std::vector<std::ptrdiff_t>{0, 1});
}

// test_gc.py: GCTests.test_del: a __del__ that allocates, with threshold 1, runs an automatic
// collection from inside a refcount death. It must simply work.
TEST_CASE_METHOD(GcFixture, "a finalizer may trigger an automatic collection", "[finalizer][schedule]") {
  gc::set_threshold(1);
  const auto before = gc::get_stats()[0].collections;
  for (int i = 0; i < 10; ++i) {
    auto a = make<Node>("a");
    a->on_del = [](Node&) {
      auto scratch = list({1, 2, 3});  // dir(self)
      auto more = list({scratch});
    };
  }
  CHECK(events().size() == 10);
  CHECK(gc::get_stats()[0].collections > before);
}

// --- legacy finalizers (tp_del) -------------------------------------------------------------

// test_gc.py: GCTests.test_legacy_finalizer, A8/A9/A16 and G12. Python 3.11, after freeze:
//   x = Legacy('first'); x.x = x; x.y = Plain()   # legacy self-cycle with a plain tail
//   p = Plain(); p.p = p                          # ordinary cyclic garbage
//   del x, p; gc.collect() -> 3
//   gc.garbage -> [<Legacy first>]   (only the object with tp_del, not its tail)
//   callbacks: ('start', 2, 0, 0), ('stop', 2, 1, 2); neither __tp_del__ nor __del__ ran
//   gc.collect() -> 0 (gc.garbage holds them); gc.garbage[0].x = None; gc.garbage.clear()
//   -> __tp_del__ runs on the refcount death; gc.collect() -> 0
TEST_CASE_METHOD(GcFixture, "cyclic garbage with a legacy finalizer is uncollectable", "[finalizer]") {
  std::vector<std::tuple<std::string, int, std::ptrdiff_t, std::ptrdiff_t>> infos;
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo& i) {
    infos.emplace_back(std::string(phase), i.generation, i.collected, i.uncollectable);
  });
  Legacy* legacy_address = nullptr;
  {
    auto x = make<Legacy>("first");
    x->ref = x;
    x->other = make<Plain>();
    legacy_address = x.get();
    test::make_self_cycle<Plain>();
  }
  const auto stats_before = gc::get_stats()[2];
  CHECK(gc::collect() == 3);
  REQUIRE(gc::garbage().size() == 1);
  CHECK(gc::garbage()[0].get() == legacy_address);
  CHECK(gc::garbage().repr() == "[<Legacy first>]");
  REQUIRE(infos.size() == 2);
  CHECK(infos[0] == std::tuple{std::string("start"), 2, std::ptrdiff_t{0}, std::ptrdiff_t{0}});
  CHECK(infos[1] == std::tuple{std::string("stop"), 2, std::ptrdiff_t{1}, std::ptrdiff_t{2}});
  CHECK(gc::get_stats()[2].collected == stats_before.collected + 1);
  CHECK(gc::get_stats()[2].uncollectable == stats_before.uncollectable + 2);
  CHECK(events().empty());
  // Uncollectable objects went on to the old generation, still tracked and alive.
  CHECK(gc::is_tracked(gc::garbage()[0]));
  CHECK(gc::collect() == 0);

  gc::garbage()[0].as<Legacy>()->ref = nullptr;
  gc::garbage().clear();
  CHECK(events() == Names{"tp_del:first"});
  CHECK(gc::collect() == 0);
}

// test_finalization.py: LegacyFinalizationTest.test_legacy_self_cycle: a legacy self-cycle ends
// in gc.garbage with neither finalizer called; breaking the cycle frees it by refcount.
TEST_CASE_METHOD(GcFixture, "a legacy self-cycle runs no finalizer and ends in gc.garbage", "[finalizer]") {
  {
    auto s = make<LegacyBoth>("s");
    s->ref = s;
  }
  CHECK(gc::collect() == 1);
  CHECK(events().empty());
  REQUIRE(gc::garbage().size() == 1);
  gc::garbage()[0].as<LegacyBoth>()->ref = nullptr;
  gc::garbage().clear();
  CHECK(events() == Names{"__del__:s", "tp_del:s"});
}

// test_finalization.py: LegacyFinalizationTest.test_legacy: without a cycle, refcount death
// calls both finalizers, __del__ (tp_finalize) first, then tp_del:
//   b = Both(); del b  -> calls == ['__del__', 'tp_del']
TEST_CASE_METHOD(GcFixture, "refcount death runs the legacy finalizer after the PEP 442 one", "[finalizer]") {
  { auto s = make<LegacyBoth>("s"); }
  CHECK(events() == Names{"__del__:s", "tp_del:s"});
  gc::collect();
  CHECK(events() == Names{"__del__:s", "tp_del:s"});
  { auto l = make<Legacy>("solo"); }
  CHECK(events() == Names{"__del__:s", "tp_del:s", "tp_del:solo"});
}

// test_finalization.py: LegacyFinalizationTest.test_legacy_resurrect: tp_del may resurrect, and
// (unlike __del__) it runs again at the next death:
//   del r          -> tp_del_calls [r], del_calls [r], survivors [r], still tracked
//   clear survivors -> tp_del_calls [r, r], del_calls [r], survivors [r] again
TEST_CASE_METHOD(GcFixture, "a legacy finalizer may resurrect and runs at every death", "[finalizer]") {
  { auto r = make<LegacyBoth>("r", true); }
  CHECK(events() == Names{"__del__:r", "tp_del:r"});
  REQUIRE(survivors().size() == 1);
  CHECK(gc::is_tracked(survivors()[0]));
  test::clear_survivors();
  CHECK(events() == Names{"__del__:r", "tp_del:r", "tp_del:r"});
  REQUIRE(survivors().size() == 1);
  survivors()[0].as<LegacyBoth>()->resurrect = false;
  test::clear_survivors();
  CHECK(events() == Names{"__del__:r", "tp_del:r", "tp_del:r", "tp_del:r"});
  CHECK(survivors().empty());
}

// A legacy finalizer's exception is reported like __del__'s and ignored:
//   @with_tp_del class LegacyBoom: def __tp_del__(self): raise ValueError("boom")
//   b = LegacyBoom(); del b  -> "Exception ignored in: ..." and "ValueError: boom"
TEST_CASE_METHOD(GcFixture, "an exception thrown by a legacy finalizer is reported", "[finalizer]") {
  struct LegacyBoom : Object {
    void legacy_del() { throw ValueError("boom"); }
  };
  { auto b = make<LegacyBoom>(); }
  CHECK_THAT(err(), Catch::Matchers::StartsWith("Exception ignored in: "));
  CHECK_THAT(err(), Catch::Matchers::EndsWith("\nValueError: boom\n"));
}

// test_gc.py: GCCallbackTests.test_collect_garbage. Python 3.11 (after freeze):
//   Uncollectable(); Uncollectable(); C1055820(666)      # two legacy pairs, one self-loop
//   gc.collect() -> 5; every "stop" info: collected 1, uncollectable 4; 4 objects in garbage
//   a callback that empties gc.garbage and breaks the pairs on "stop"; gc.garbage[:] = []
//   gc.collect() -> 4; "stop" info: collected 0, uncollectable 4; gc.garbage ends empty
//   gc.collect() -> 0
TEST_CASE_METHOD(GcFixture, "callbacks see the uncollectable garbage", "[finalizer][gc]") {
  std::vector<gc::CallbackInfo> stops;
  bool cleanup = false;
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo& info) {
    if (phase == "stop") stops.push_back(info);
  });
  gc::callbacks().push_back([&](std::string_view phase, const gc::CallbackInfo&) {
    if (phase != "stop" || !cleanup) return;
    std::vector<Ref<Object>> uc(gc::garbage().begin(), gc::garbage().end());
    gc::garbage().clear();
    for (auto& e : uc) e.as<Uncollectable>()->partner = nullptr;
  });
  make_uncollectable_pair();
  make_uncollectable_pair();
  test::make_self_cycle<Plain>();
  CHECK(gc::collect() == 5);
  REQUIRE(stops.size() == 1);
  CHECK(stops[0].collected == 1);
  CHECK(stops[0].uncollectable == 4);
  CHECK(gc::garbage().size() == 4);
  for (const auto& e : gc::garbage()) CHECK(e->type().name == "Uncollectable");

  cleanup = true;
  stops.clear();
  gc::garbage().clear();
  CHECK(gc::collect() == 4);
  REQUIRE(stops.size() == 1);
  CHECK(stops[0].collected == 0);
  CHECK(stops[0].uncollectable == 4);
  CHECK(gc::garbage().empty());
  CHECK(gc::collect() == 0);
}
