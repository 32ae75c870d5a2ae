// 8. Problem 2: Parent and Child — the notebook's classes (cell 20), the cycle removed.
// The grader builds its own test program around this header: keep the class names, Parent's
// constructor and add_child(), and Child's constructor and finalize() as they are.
#pragma once

#include <gclab/gclab.hpp>

#include <string>

// Like a notebook cell, this header belongs to one program: the names read as in Python.
using namespace gclab;

namespace {

struct Child;

struct Parent : Object {
  std::string name;
  Ref<List> children = list();

  explicit Parent(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(children)

  void add_child(const Ref<Child>& child);
};

struct Child : Object {
  std::string name;
  // weakref를 사용하여 순환 참조 제거: the parent owns its children, a child only refers back to
  // its parent. child->parent() is the parent while it lives, and an empty Ref (None) afterwards.
  weakref::ref<Parent> parent;

  explicit Child(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(parent)

  void finalize() { print("Child {} destroyed", name); }  // __del__
};

inline void Parent::add_child(const Ref<Child>& child) {
  children->append(child);
  child->parent = weakref::ref(self(this));  // 약한 참조: no cycle
}

}  // namespace
