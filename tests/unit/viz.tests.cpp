// gclab::viz: pictures of the heap. The DOT text is checked for what a student must see (boxes,
// labelled arrows, dashed weak references, red garbage, the limits' "… N more"); the expected
// counts and generations come from the collector's rules, as CPython would report them
// (sys.getrefcount - 1, gc.get_objects(generation)).
#include <fstream>
#include <regex>
#include <sstream>

#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;

namespace {

/// The notebook's section 3 node: a name and one reference.
struct Node : Object {
  std::string name;
  Ref<Node> ref;
  explicit Node(std::string n) : name(std::move(n)) {}
  GCLAB_TRAVERSE(ref)
  std::string repr() const override { return "Node(" + name + ")"; }
};

struct Parent : Object {
  Ref<List> children;
  Parent() : children(list()) {}
  GCLAB_TRAVERSE(children)
};

struct Child : Object {
  weakref::ref<Parent> parent;
  GCLAB_TRAVERSE(parent)
};

struct Pair : Object {
  Ref<Object> left, right;
  GCLAB_TRAVERSE(left, right)
};

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

/// The node id whose label starts with `title` (the first one), e.g. "n0".
std::string node_id(const std::string& dot, const std::string& title) {
  std::smatch m;
  const std::regex line("  (n[0-9]+) \\[label=<<b>" + title + "</b>");
  REQUIRE(std::regex_search(dot, m, line));
  return m[1];
}

/// The id of the (first) node whose line contains `text`.
std::string id_of(const std::string& dot, const std::string& text) {
  const auto at = dot.find(text);
  REQUIRE(at != std::string::npos);
  const auto line = dot.rfind("\n", at) + 1;
  return dot.substr(line + 2, dot.find(' ', line + 2) - line - 2);
}

/// The attributes of node `id`'s line.
std::string node_line(const std::string& dot, const std::string& id) {
  const auto at = dot.find("  " + id + " [");
  REQUIRE(at != std::string::npos);
  return dot.substr(at, dot.find('\n', at) - at);
}

}  // namespace

// Notebook 3.1, "Before del": node_a -> A <-> B <- node_b, refcount A=2, B=2.
TEST_CASE_METHOD(GcFixture, "show_refs draws the notebook's cycle before del", "[viz]") {
  auto node_a = make<Node>("A");
  auto node_b = make<Node>("B");
  node_a->ref = node_b;
  node_b->ref = node_a;
  const auto refcount_before = sys::getrefcount(node_a);

  const std::string dot = viz::show_refs({{"node_a", node_a}, {"node_b", node_b}});

  CHECK(sys::getrefcount(node_a) == refcount_before);  // drawing holds no reference
  const std::string a = id_of(dot, "Node(A)"), b = id_of(dot, "Node(B)");
  CHECK_THAT(node_line(dot, a), Catch::Contains("refcount 2 · gen 0"));
  CHECK_THAT(node_line(dot, b), Catch::Contains("refcount 2 · gen 0"));
  CHECK_THAT(dot, Catch::Contains(a + " -> " + b + " [label=\"ref\"]"));
  CHECK_THAT(dot, Catch::Contains(b + " -> " + a + " [label=\"ref\"]"));
  // The two variables, each an arrow into its object.
  CHECK_THAT(dot, Catch::Contains(id_of(dot, "\"node_a\"") + " -> " + a + ";"));
  CHECK_THAT(dot, Catch::Contains(id_of(dot, "\"node_b\"") + " -> " + b + ";"));
  CHECK(count(dot, "-> " + a + ";") == 1);
  CHECK(count(dot, "#f9d0d0") == 0);  // nothing is garbage yet
}

// Notebook 3.1, "After del": both nodes at refcount 1, kept by the cycle alone, garbage.
TEST_CASE_METHOD(GcFixture, "show_refs marks a cycle nothing else holds as garbage", "[viz]") {
  auto node_a = make<Node>("A");
  auto node_b = make<Node>("B");
  node_a->ref = node_b;
  node_b->ref = node_a;
  gc::collect(0);  // both survive into generation 1
  // Node is weakrefable, as a Python class instance is: the weak reference lets the test draw
  // the nodes after the last strong variable is gone.
  const weakref::ref<Node> a(node_a);
  del(node_a);
  del(node_b);

  const std::string dot = viz::show_refs({{"", a}});

  CHECK(count(dot, "fillcolor=\"#f9d0d0\"") == 2);
  CHECK(count(dot, "refcount 1 · gen 1") == 2);
  CHECK_THAT(dot, Catch::Contains("gc.collect() frees it"));
  CHECK(count(dot, "shape=plaintext") == 0);  // an empty name draws no variable
  CHECK_THAT(viz::show_refs({{"a", a}}), Catch::Contains(" [style=dashed]"));  // a weak variable

  CHECK(gc::collect() == 2);
  CHECK(viz::show_refs({{"a", a}}).find("label=<<b>") == std::string::npos);  // dead: nothing to draw
}

TEST_CASE_METHOD(GcFixture, "a weak reference is a dashed arrow labelled with its field", "[viz]") {
  auto parent = make<Parent>();
  auto child = make<Child>();
  child->parent = weakref::ref<Parent>(parent);
  parent->children->append(child);

  const std::string dot = viz::show_refs({{"parent", parent}});
  const std::string p = node_id(dot, "Parent"), l = node_id(dot, "list"), c = node_id(dot, "Child");
  CHECK_THAT(dot, Catch::Contains(p + " -> " + l + " [label=\"children\"]"));
  CHECK_THAT(dot, Catch::Contains(l + " -> " + c + " [label=\"[0]\"]"));
  CHECK_THAT(dot, Catch::Contains(c + " -> " + p + " [label=\"parent\", style=dashed]"));
  // The weakref object is folded into its arrow, and a weak reference keeps nothing alive.
  CHECK(dot.find("ReferenceType") == std::string::npos);
  CHECK_THAT(node_line(dot, p), Catch::Contains("refcount 1 "));

  del(parent);  // the child's weak reference is dead now
  const std::string after = viz::show_refs({{"child", child}});
  CHECK_THAT(after, Catch::Contains("[label=\"dead\""));
  CHECK_THAT(after, Catch::Contains("[label=\"parent\", style=dashed]"));
}

TEST_CASE_METHOD(GcFixture, "a dict's arrows are labelled with its keys", "[viz]") {
  auto d = dict();
  auto node = make<Node>("X");
  d->set(Str::intern("owner"), node);
  const std::string dot = viz::show_refs({{"d", d}});
  CHECK_THAT(dot, Catch::Contains("[label=\"'owner'\"]"));
  CHECK(dot.find("<b>str</b>") == std::string::npos);  // atoms are left out
}

TEST_CASE_METHOD(GcFixture, "the node and depth limits summarise what they leave out", "[viz]") {
  auto many = list();
  for (int i = 0; i < 100; ++i) many->append(make<Node>(std::to_string(i)));
  viz::Options few;
  few.max_nodes = 5;
  const std::string dot = viz::show_refs({{"many", many}}, few);
  CHECK(count(dot, "<b>Node</b>") == 4);  // the list and four nodes
  CHECK_THAT(dot, Catch::Contains("… 96 more"));

  // A chain n0 -> n1 -> ... -> n9 at depth 2: the root and two more, then "… 1 more".
  auto head = make<Node>("0");
  Ref<Node> tail = head;
  for (int i = 1; i < 10; ++i) {
    tail->ref = make<Node>(std::to_string(i));
    tail = tail->ref;
  }
  viz::Options shallow;
  shallow.max_depth = 2;
  const std::string chain = viz::show_refs({{"head", head}}, shallow);
  CHECK(count(chain, "<b>Node</b>") == 3);
  CHECK_THAT(chain, Catch::Contains("… 1 more"));
}

TEST_CASE_METHOD(GcFixture, "show_backrefs draws who holds an object", "[viz]") {
  auto target = make<Node>("T");
  auto holders = list();
  holders->append(target);
  auto pair = make<Pair>();
  pair->right = target;

  const std::string dot = viz::show_backrefs({{"target", target}});
  const std::string t = node_id(dot, "Node"), l = node_id(dot, "list"), p = node_id(dot, "Pair");
  CHECK_THAT(dot, Catch::Contains(l + " -> " + t + " [label=\"[0]\"]"));
  CHECK_THAT(dot, Catch::Contains(p + " -> " + t + " [label=\"right\"]"));
  CHECK_THAT(node_line(dot, t), Catch::Contains("refcount 3 "));  // target, the list, the pair
  CHECK_THAT(dot, Catch::Contains("not shown"));
}

TEST_CASE_METHOD(GcFixture, "the generation shown is the collector's", "[viz]") {
  auto frozen = make<Node>("F");
  gc::freeze();
  auto old = make<Node>("O");
  gc::collect(1);  // gens 0 and 1 move to gen 2
  auto young = make<Node>("Y");
  auto untracked = tuple({});
  const std::string dot =
      viz::show_refs({{"f", frozen}, {"o", old}, {"y", young}, {"t", untracked}});
  CHECK_THAT(dot, Catch::Contains("Node(F)<br/><font point-size=\"10\">refcount 1 · frozen"));
  CHECK_THAT(dot, Catch::Contains("Node(O)<br/><font point-size=\"10\">refcount 1 · gen 2"));
  CHECK_THAT(dot, Catch::Contains("Node(Y)<br/><font point-size=\"10\">refcount 1 · gen 0"));
  CHECK_THAT(dot, Catch::Contains("untracked"));
  gc::unfreeze();
}

TEST_CASE_METHOD(GcFixture, "render writes DOT as is, and SVG through Graphviz", "[viz]") {
  auto node = make<Node>("R");
  const std::string dot = viz::show_refs({{"node", node}});
  const auto dir = std::filesystem::temp_directory_path() / "gclab-viz-test";
  std::filesystem::create_directories(dir);
  const auto read = [](const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };

  viz::render(dot, dir / "heap.dot");
  CHECK(read(dir / "heap.dot") == dot);

  viz::render(dot, dir / "heap.svg");
  const std::string svg = read(dir / "heap.svg");
  CHECK_THAT(svg, Catch::Contains("<svg"));
  CHECK_THAT(svg, Catch::Contains("Node(R)"));
  CHECK_THAT(svg, Catch::Contains("node"));

  const std::string inline_svg = viz::to_svg(dot);
  CHECK(inline_svg.rfind("<svg", 0) == 0);  // ready to inline: no XML declaration before it
  CHECK_THAT(inline_svg, Catch::Contains("Node(R)"));

  CHECK_THROWS_AS(viz::render(dot, dir / "heap.bmpx"), ValueError);
  CHECK_THROWS_WITH(viz::render("digraph { n0 -> }", dir / "bad.svg"), Catch::Contains("dot failed"));
  std::filesystem::remove_all(dir);
}
