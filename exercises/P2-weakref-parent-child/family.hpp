// 8. Problem 2: Parent and Child — the notebook's classes (cell 20). This is the file to fix.
// The grader builds its own test program around this header: keep the class names, Parent's
// constructor and add_child(), and Child's constructor and finalize() as they are.
#pragma once

#include <gclab/gclab.hpp>

#include <string>

// Like a notebook cell, this header belongs to one program: the names read as in Python.
using namespace gclab;

namespace {

struct Child;

// 원본 코드 (순환 참조 문제)
struct Parent : Object {
  std::string name;
  Ref<List> children = list();

  explicit Parent(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(children)

  void add_child(const Ref<Child>& child);
};

struct Child : Object {
  std::string name;
  // TODO(ko): weakref를 사용하여 순환 참조 제거 (힌트: child.parent를 약한 참조로 변경)
  // TODO(en): remove the circular reference with weakref (hint: make child.parent a weak reference)
  Ref<Parent> parent;  // None until add_child() sets it

  explicit Child(std::string name_) : name(std::move(name_)) {}
  GCLAB_TRAVERSE(parent)

  void finalize() { print("Child {} destroyed", name); }  // __del__
};

inline void Parent::add_child(const Ref<Child>& child) {
  children->append(child);
  child->parent = self(this);  // 순환 참조 발생!
}

}  // namespace
