// gclab: CPython 3.11's memory management, in C++20.
//
// Most programs need three things: gclab::make<T>() to create objects, gclab::Ref<T> to hold
// them, and gclab::gc::collect() to reclaim cycles. Everything else mirrors a Python module:
// gclab::sys (getrefcount, getsizeof), gclab::gc (the collector's controls and introspection),
// gclab::weakref, gclab::tracemalloc (who allocated what), gclab::viz (pictures of the heap), and
// the built-in types list, dict, tuple, set, int, float, str and None.
//
// Example (notebook section 3):
//   struct Node : gclab::Object {
//     std::string name;
//     gclab::Ref<Node> ref;
//     explicit Node(std::string n) : name(std::move(n)) {}
//     GCLAB_TRAVERSE(ref)
//   };
//   auto a = gclab::make<Node>("A"), b = gclab::make<Node>("B");
//   a->ref = b;
//   b->ref = a;
//   gclab::del(a);
//   gclab::del(b);
//   gclab::gc::collect();   // 2
#pragma once

#include "gclab/builtins/dict.hpp"
#include "gclab/builtins/float.hpp"
#include "gclab/builtins/int.hpp"
#include "gclab/builtins/list.hpp"
#include "gclab/builtins/none.hpp"
#include "gclab/builtins/set.hpp"
#include "gclab/builtins/str.hpp"
#include "gclab/builtins/tuple.hpp"
#include "gclab/errors.hpp"
#include "gclab/explain.hpp"
#include "gclab/gc.hpp"
#include "gclab/object.hpp"
#include "gclab/print.hpp"
#include "gclab/ref.hpp"
#include "gclab/sys.hpp"
#include "gclab/tracemalloc.hpp"
#include "gclab/visitor.hpp"
#include "gclab/viz.hpp"
#include "gclab/weakref.hpp"
#include "gclab/weakref/finalize.hpp"
#include "gclab/weakref/key_dictionary.hpp"
#include "gclab/weakref/value_dictionary.hpp"
#include "gclab/weakref/weak_set.hpp"
