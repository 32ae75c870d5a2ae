// The built-in types: identity caches, reprs and error messages, as CPython 3.11 prints them.
// Every expected string below is what python3 3.11 printed for the Python expression quoted.
#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>

#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;
using gclab::test::Plain;

// R7 / notebook 2.2: ints in -5..256 are preallocated and shared. Ints made at run time outside
// that range are distinct objects: `int('257') is int('257')` is False, `int('256') is
// int('256')` is True. (Code constants are a different matter: CPython's compiler shares equal
// constants of one code object, an interpreter artefact the engine has no counterpart of.)
TEST_CASE_METHOD(GcFixture, "small ints are cached and other ints are distinct objects", "[builtins]") {
  Ref<Int> x = 100, y = 100;
  CHECK(x.is(y));
  Ref<Int> lo1 = -5, lo2 = -5, hi1 = 256, hi2 = 256;
  CHECK(lo1.is(lo2));
  CHECK(hi1.is(hi2));
  Ref<Int> below1 = -6, below2 = -6, above1 = 257, above2 = 257;
  CHECK_FALSE(below1.is(below2));
  CHECK_FALSE(above1.is(above2));
  Ref<Int> big1 = 1000000, big2 = 1000000;
  CHECK_FALSE(big1.is(big2));
  CHECK(big1->equals(*big2));  // == is still True
  CHECK(Int::from(7).is(Int::from(7)));
}

// Notebook 2.2: the literal "hello" is interned (an identifier-like code constant), so two names
// bound to it share one object; a string built at run time is a new object:
// `''.join(['hel', 'lo']) is 'hello'` is False, `sys.intern(s) is 'hello'` is True.
TEST_CASE_METHOD(GcFixture, "identifier-like string literals are interned", "[builtins]") {
  Ref<Str> s1 = "hello", s2 = "hello";
  CHECK(s1.is(s2));
  Ref<Str> built = std::string("hel") + "lo";
  CHECK_FALSE(built.is(s1));
  CHECK(built->equals(*s1));
  CHECK(Str::intern(built->value()).is(s1));
}

TEST_CASE_METHOD(GcFixture, "repr of built-in objects follows Python", "[builtins]") {
  CHECK(repr(list({1, 2, 3})) == "[1, 2, 3]");
  CHECK(repr(list()) == "[]");
  CHECK(repr(dict({{"key", "value"}})) == "{'key': 'value'}");
  CHECK(repr(dict()) == "{}");
  CHECK(repr(tuple({1})) == "(1,)");
  CHECK(repr(tuple({1, "x"})) == "(1, 'x')");
  CHECK(repr(tuple({})) == "()");
  CHECK(repr(set()) == "set()");
  CHECK(repr(set({1})) == "{1}");
  CHECK(repr(None()) == "None");
  CHECK(repr(Ref<Object>()) == "None");
  Ref<Object> one = 1.0, tenth = 0.1, huge = 1e100;
  CHECK(repr(one) == "1.0");
  CHECK(repr(tenth) == "0.1");
  CHECK(repr(huge) == "1e+100");
  Ref<Object> quote = "it's", dquote = "a\"b";
  CHECK(repr(quote) == "\"it's\"");
  CHECK(repr(dquote) == "'a\"b'");
  CHECK(str(quote) == "it's");
  CHECK(repr(list({"a", list({None()})})) == "['a', [None]]");
  // <__main__.Plain object at 0x7f...>
  CHECK(std::regex_match(repr(make<Plain>()), std::regex(R"(<__main__\.Plain object at 0x[0-9a-f]+>)")));
}

// `l = []; l.append(l)` -> [[...]]; `d = {}; d['k'] = d` -> {'k': {...}};
// `l = [1]; t = (l,); l.append(t)` -> repr(t) == "([1, (...)],)", repr(l) == "[1, ([...],)]".
TEST_CASE_METHOD(GcFixture, "repr of a container that contains itself", "[builtins]") {
  auto l = list();
  l->append(l);
  CHECK(repr(l) == "[[...]]");
  auto d = dict();
  d->set("k", d);
  CHECK(repr(d) == "{'k': {...}}");
  auto l2 = list({1});
  auto t = tuple({l2});
  l2->append(t);
  CHECK(repr(t) == "([1, (...)],)");
  CHECK(repr(l2) == "[1, ([...],)]");
  l->clear();
  d->clear();
  l2->clear();
}

// {}['missing'] -> KeyError: 'missing';  {}[1] -> KeyError: 1;  [][0] -> list index out of range;
// [].pop() -> pop from empty list;  [1].pop(5) -> pop index out of range;
// ()[0] -> tuple index out of range.
TEST_CASE_METHOD(GcFixture, "KeyError and IndexError carry Python's messages", "[builtins]") {
  auto d = dict();
  CHECK_THROWS_MATCHES(d->get("missing"), KeyError, Catch::Matchers::Message("'missing'"));
  CHECK_THROWS_MATCHES(d->get(1), KeyError, Catch::Matchers::Message("1"));
  CHECK_THROWS_MATCHES(d->pop("missing"), KeyError, Catch::Matchers::Message("'missing'"));
  auto empty = list();
  CHECK_THROWS_MATCHES((*empty)[0], IndexError, Catch::Matchers::Message("list index out of range"));
  CHECK_THROWS_MATCHES(empty->pop(), IndexError, Catch::Matchers::Message("pop from empty list"));
  auto one = list({1});
  CHECK_THROWS_MATCHES(one->pop(5), IndexError, Catch::Matchers::Message("pop index out of range"));
  auto t = tuple({1});
  CHECK_THROWS_MATCHES((*t)[1], IndexError, Catch::Matchers::Message("tuple index out of range"));
  CHECK((*one)[-1]->repr() == "1");
  try {
    d->get("missing");
  } catch (const Exception& e) {
    CHECK(describe_exception(e) == "KeyError: 'missing'");
  }
  // hash([]) -> TypeError: unhashable type: 'list'
  CHECK_THROWS_MATCHES(d->set(list(), 1), TypeError, Catch::Matchers::Message("unhashable type: 'list'"));
}

// A dict is insertion-ordered (Python 3.7+): overwriting keeps a key's place, deleting and
// re-inserting moves it to the end. Thousands of random operations on a dict and a set, checked
// against a plain model after each step, cover the index's growth, its deleted-slot markers and
// the resize that drops holes. Keys above 256 are fresh objects each time, so lookups go
// through ==, not identity. Deletions by position (erase_at, which the weak containers use) leave
// their slot pointing at the hole: the lookups and insertions after them must pass it as a dummy.
TEST_CASE_METHOD(GcFixture, "dict and set agree with a model through random inserts and deletes", "[builtins]") {
  std::mt19937 random(20261203);
  std::uniform_int_distribution<long long> pick_key(0, 600);
  std::uniform_int_distribution<int> pick_op(0, 10);
  std::vector<std::pair<long long, long long>> model;  // the dict's items, in order
  std::map<long long, std::size_t> positions;          // what set() returned for each key
  std::set<long long> set_model;
  auto d = dict();
  auto s = set();
  auto position = [&](long long key) {
    return std::find_if(model.begin(), model.end(), [&](const auto& item) { return item.first == key; });
  };
  // Values above 256 are new objects (no small-int cache): an item's value tells it apart.
  auto value_of = [](int step) { return Int::from(1000 + step); };
  std::vector<Ref<Object>> values;  // keeps each value alive, for erase_at's identity check
  for (int step = 0; step < 20000; ++step) {
    long long key = pick_key(random);
    int op = pick_op(random);
    Ref<Object> k = Int::from(key);
    values.push_back(value_of(step));
    if (op < 5) {
      positions[key] = d->set(k, values.back());
      if (auto it = position(key); it != model.end()) it->second = step;
      else model.emplace_back(key, step);
      s->add(k);
      set_model.insert(key);
    } else if (op == 10) {
      auto it = position(key);
      if (it == model.end()) {
        if (positions.contains(key)) CHECK_FALSE(d->erase_at(positions[key], values[0].get()));
        continue;
      }
      // True unless a resize renumbered the items since the key's set().
      if (d->erase_at(positions[key], values[static_cast<std::size_t>(it->second)].get())) {
        model.erase(it);
        CHECK_FALSE(d->contains(k));
      } else {
        CHECK(d->contains(k));
      }
    } else if (op < 9) {
      bool present = position(key) != model.end();
      CHECK(d->contains(k) == present);
      if (present) {
        d->erase(k);
        model.erase(position(key));
      } else {
        CHECK_THROWS_AS(d->pop(k), KeyError);
      }
      s->discard(k);
      set_model.erase(key);
    } else {
      auto it = position(key);
      Ref<Object> missing = None();
      Ref<Object> got = d->get(k, missing);
      if (it == model.end()) CHECK(got.is(missing));
      else CHECK(static_cast<const Int&>(*got).value() == 1000 + it->second);
    }
    REQUIRE(d->size() == static_cast<std::ptrdiff_t>(model.size()));
    REQUIRE(s->size() == static_cast<std::ptrdiff_t>(set_model.size()));
    if (step % 1000 == 999) {
      auto items = d->items();
      REQUIRE(items.size() == model.size());
      for (std::size_t i = 0; i < items.size(); ++i) {
        CHECK(static_cast<const Int&>(*items[i].key).value() == model[i].first);
        CHECK(static_cast<const Int&>(*items[i].value).value() == 1000 + model[i].second);
      }
      std::set<long long> members;
      for (const auto& item : s->items()) members.insert(static_cast<const Int&>(*item).value());
      CHECK(members == set_model);
    }
  }
  d->clear();
  s->clear();
  CHECK(d->size() == 0);
  CHECK(!d->contains(Int::from(1)));
  d->set(Int::from(7), Int::from(8));
  CHECK(d->items().size() == 1);
}

// Deleting from a dict moves nothing, so it never changes its size; the holes it leaves are
// dropped by the resize of a later insertion, so churn stays bounded. python3 3.11:
//   d = {i: i for i in range(1000)}; s = sys.getsizeof(d)
//   for i in range(1000): del d[i]
//   sys.getsizeof(d) == s                    -> True
//   d = {}; sizes = set()
//   for i in range(10**5): d[i] = i; del d[i]; sizes.add(sys.getsizeof(d))
//   sizes                                    -> {224}: one size throughout
TEST_CASE_METHOD(GcFixture, "deleting from a dict keeps its size and insert-delete churn stays bounded", "[builtins]") {
  auto d = dict();
  for (long long i = 0; i < 1000; ++i) d->set(Int::from(i), Int::from(i));
  const std::size_t full = sys::getsizeof(d);
  for (long long i = 0; i < 1000; ++i) d->erase(Int::from(i));
  CHECK(d->size() == 0);
  CHECK(sys::getsizeof(d) == full);

  auto churn = dict();
  std::size_t largest_early = 0;
  std::size_t largest_late = 0;
  for (long long i = 0; i < 100000; ++i) {
    churn->set(Int::from(i), Int::from(i));
    churn->erase(Int::from(i));
    (i < 1000 ? largest_early : largest_late) =
        std::max(i < 1000 ? largest_early : largest_late, sys::getsizeof(churn));
  }
  CHECK(churn->size() == 0);
  CHECK(largest_late <= largest_early);
}
