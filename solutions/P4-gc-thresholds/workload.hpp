// 8. Problem 4: the workload of the experiment — the notebook's create_circular_refs() (cell 22),
// run again and again so that cyclic garbage piles up between collections. Given; not a TODO.
// The grader runs this same workload for its reference numbers, so keep it as it is.
#pragma once

#include <gclab/gclab.hpp>

// Like a notebook cell, this header belongs to one program: the names read as in Python.
using namespace gclab;

namespace {

// Python defines Node inside create_circular_refs(), a new class on every call; C++ defines it once.
struct Node : Object {
  Ref<Node> ref;  // self.ref = None
  GCLAB_TRAVERSE(ref)
};

/// 순환 참조 객체 생성: `count` nodes in a ring, each referring to the next.
Ref<List> create_circular_refs(std::ptrdiff_t count) {
  Ref<List> nodes = list();  // [Node() for _ in range(count)]
  for (std::ptrdiff_t i = 0; i < count; ++i) nodes->append(make<Node>());
  for (std::ptrdiff_t i = 0; i < count; ++i) (*nodes)[i].as<Node>()->ref = (*nodes)[(i + 1) % count].as<Node>();
  return nodes;
}

constexpr std::ptrdiff_t kRounds = 100;  // how many rings
constexpr std::ptrdiff_t kCount = 1000;  // nodes per ring

/// kRounds times: make a ring of kCount nodes and drop it. Each dropped ring is cyclic garbage
/// that only a collection frees; between collections it piles up.
void run_workload() {
  for (std::ptrdiff_t round = 0; round < kRounds; ++round) {
    Ref<List> nodes = create_circular_refs(kCount);
    del(nodes);
  }
}

}  // namespace
