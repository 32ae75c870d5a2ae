// The DEBUG_* flags and the exact text they write to sys.stderr (semantics D1-D4, A10, A15).
// Expected lines are CPython 3.11's (`gc: %s <%s %p>`, `%zd`, `%.4fs`); the numbers are those of
// the same object graph (generation sizes after freeze(), so that only the test's objects count).
#include <regex>
#include <sstream>

#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;
using gclab::test::Legacy;
using gclab::test::Node;
using gclab::test::Plain;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string address_of(const Ref<Object>& obj) { return fmt::format("{}", fmt::ptr(obj.get())); }

const std::regex kDoneLine(R"(gc: done, (\d+) unreachable, (\d+) uncollectable, \d+\.\d{4}s elapsed)");

}  // namespace

// D2: DEBUG_STATS for collect(0) with nothing to find:
//   gc: collecting generation 0...
//   gc: objects in each generation: 11 0 0
//   gc: objects in permanent generation: 11092
//   gc: done, 0 unreachable, 0 uncollectable, 0.0000s elapsed
TEST_CASE_METHOD(GcFixture, "DEBUG_STATS prints the header and the done line", "[debug]") {
  auto frozen = list();
  gc::freeze();
  const auto permanent = gc::get_freeze_count();
  auto kept = list();
  gc::set_debug(gc::DEBUG_STATS);
  CHECK(gc::collect(0) == 0);
  const auto lines = lines_of(err());
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "gc: collecting generation 0...");
  CHECK(lines[1] == "gc: objects in each generation: 1 0 0");
  CHECK(lines[2] == fmt::format("gc: objects in permanent generation: {}", permanent));
  std::smatch m;
  REQUIRE(std::regex_match(lines[3], m, kDoneLine));
  CHECK(m[1] == "0");
  CHECK(m[2] == "0");
  CHECK(out().empty());
}

// A0: the header shows the generation sizes before younger generations are merged in.
TEST_CASE_METHOD(GcFixture, "DEBUG_STATS shows the sizes before merging", "[debug]") {
  gc::freeze();
  const auto permanent = gc::get_freeze_count();
  auto in2 = list();
  gc::collect(1);
  auto in1a = list(), in1b = list();
  gc::collect(0);
  auto in0a = list(), in0b = list(), in0c = list();
  gc::set_debug(gc::DEBUG_STATS);
  gc::collect(2);
  const auto lines = lines_of(err());
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "gc: collecting generation 2...");
  CHECK(lines[1] == "gc: objects in each generation: 3 2 1");
  CHECK(lines[2] == fmt::format("gc: objects in permanent generation: {}", permanent));
  CHECK(std::regex_match(lines[3], kDoneLine));
}

// D3: STATS|COLLECTABLE on a two-instance cycle with __del__ printing (after freeze):
//   gc: collecting generation 2...
//   gc: objects in each generation: 2 0 0
//   gc: objects in permanent generation: N
//   gc: collectable <Node 0x..>
//   gc: collectable <Node 0x..>
//     [__del__] A
//     [__del__] B
//   gc: done, 2 unreachable, 0 uncollectable, X.XXXXs elapsed
// The collectable lines come before any finalizer, in examination (allocation) order; %p is the
// object's address.
TEST_CASE_METHOD(GcFixture, "DEBUG_COLLECTABLE lines come before the finalizers' output", "[debug][finalizer]") {
  gc::freeze();
  const auto permanent = gc::get_freeze_count();
  merge_stdout_into_stderr();
  std::string address_a, address_b;
  {
    auto a = make<Node>("A"), b = make<Node>("B");
    a->on_del = b->on_del = [](Node& n) { print("  [__del__] {}", n.name); };
    a->ref = b;
    b->ref = a;
    address_a = address_of(a);
    address_b = address_of(b);
  }
  gc::set_debug(gc::DEBUG_STATS | gc::DEBUG_COLLECTABLE);
  CHECK(gc::collect() == 2);
  const auto lines = lines_of(err());
  REQUIRE(lines.size() == 8);
  CHECK(lines[0] == "gc: collecting generation 2...");
  CHECK(lines[1] == "gc: objects in each generation: 2 0 0");
  CHECK(lines[2] == fmt::format("gc: objects in permanent generation: {}", permanent));
  CHECK(lines[3] == "gc: collectable <Node " + address_a + ">");
  CHECK(lines[4] == "gc: collectable <Node " + address_b + ">");
  CHECK(lines[5] == "  [__del__] A");
  CHECK(lines[6] == "  [__del__] B");
  std::smatch m;
  REQUIRE(std::regex_match(lines[7], m, kDoneLine));
  CHECK(m[1] == "2");
  CHECK(m[2] == "0");
  CHECK_THAT(address_a, Catch::Matchers::Matches("0x[0-9a-f]+"));
}

// A10: the collectable lines cover objects that their finalizer then resurrects.
TEST_CASE_METHOD(GcFixture, "DEBUG_COLLECTABLE lists objects that are then resurrected", "[debug][finalizer]") {
  std::string address;
  {
    auto z = make<Node>("Z");
    z->ref = z;
    z->on_del = [](Node& n) { test::survivors().push_back(self(&n)); };
    address = address_of(z);
  }
  gc::set_debug(gc::DEBUG_COLLECTABLE);
  CHECK(gc::collect() == 0);
  CHECK(err() == "gc: collectable <Node " + address + ">\n");
}

// A15/A16 and D3: Legacy (tp_del) self-cycle with a Plain tail, plus a Plain self-cycle:
//   gc.set_debug(DEBUG_STATS | DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE); gc.collect() -> 3
//   gc: collectable <Plain 0x..>           (the ordinary self-cycle)
//   gc: uncollectable <Legacy 0x..>
//   gc: uncollectable <Plain 0x..>         (the tail, reachable from the legacy object)
//   gc: done, 3 unreachable, 2 uncollectable, ...
TEST_CASE_METHOD(GcFixture, "DEBUG_UNCOLLECTABLE lists legacy garbage and what it reaches", "[debug][finalizer]") {
  gc::freeze();
  std::string legacy_address, tail_address, plain_address;
  {
    auto x = make<Legacy>("first");
    x->ref = x;
    x->other = make<Plain>();
    legacy_address = address_of(x);
    tail_address = address_of(x->other);
    auto p = make<Plain>();
    p->ref = p;
    plain_address = address_of(p);
  }
  gc::set_debug(gc::DEBUG_STATS | gc::DEBUG_COLLECTABLE | gc::DEBUG_UNCOLLECTABLE);
  CHECK(gc::collect() == 3);
  const auto lines = lines_of(err());
  REQUIRE(lines.size() == 7);
  CHECK(lines[1] == "gc: objects in each generation: 3 0 0");
  CHECK(lines[3] == "gc: collectable <Plain " + plain_address + ">");
  CHECK(lines[4] == "gc: uncollectable <Legacy " + legacy_address + ">");
  CHECK(lines[5] == "gc: uncollectable <Plain " + tail_address + ">");
  std::smatch m;
  REQUIRE(std::regex_match(lines[6], m, kDoneLine));
  CHECK(m[1] == "3");
  CHECK(m[2] == "2");
  // Break the legacy cycle so the object can go.
  gc::set_debug(0);
  REQUIRE(gc::garbage().size() == 1);
  gc::garbage()[0].as<Legacy>()->ref = nullptr;
  gc::garbage().clear();
}

// D1/D3/D4: DEBUG_LEAK = COLLECTABLE | UNCOLLECTABLE | SAVEALL; the lines still say
// "collectable", and the object is saved in gc.garbage instead of being freed:
//   l = []; l.append(l); del l; gc.set_debug(gc.DEBUG_LEAK); gc.collect() -> 1
//   gc: collectable <list 0x..>;  gc.garbage -> [[[...]]]
TEST_CASE_METHOD(GcFixture, "DEBUG_LEAK saves collectable objects and still calls them collectable", "[debug]") {
  std::string address;
  {
    auto l = list();
    l->append(l);
    address = address_of(l);
  }
  gc::set_debug(gc::DEBUG_LEAK);
  CHECK(gc::collect() == 1);
  CHECK(err() == "gc: collectable <list " + address + ">\n");
  REQUIRE(gc::garbage().size() == 1);
  CHECK(address_of(gc::garbage()[0]) == address);
  CHECK(gc::garbage().repr() == "[[[...]]]");
  gc::set_debug(0);
  gc::garbage()[0].as<List>()->clear();
}

// D2: automatic collections print the same block.
TEST_CASE_METHOD(GcFixture, "automatic collections print the debug block too", "[debug][schedule]") {
  gc::freeze();
  const auto permanent = gc::get_freeze_count();
  gc::set_threshold(2);
  gc::set_debug(gc::DEBUG_STATS);
  test::make_self_cycle<Plain>();
  test::make_self_cycle<Plain>();
  CHECK(err().empty());
  test::make_self_cycle<Plain>();  // count0 3 > 2: collects the first two
  const auto lines = lines_of(err());
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "gc: collecting generation 0...");
  CHECK(lines[1] == "gc: objects in each generation: 2 0 0");
  CHECK(lines[2] == fmt::format("gc: objects in permanent generation: {}", permanent));
  std::smatch m;
  REQUIRE(std::regex_match(lines[3], m, kDoneLine));
  CHECK(m[1] == "2");
}
