// Doubly linked lists of GC headers with a sentinel head: the generations and the collector's
// working sets. Every operation but size() is O(1).
#pragma once

#include <cstddef>

#include "gc/gc_header.hpp"

namespace gclab::detail {

inline void gc_list_init(GcHeader* list) noexcept { list->init_as_list_head(); }

inline bool gc_list_is_empty(const GcHeader* list) noexcept { return list->next() == list; }

/// Appends `node` (not currently in any list) at the end of `list`.
inline void gc_list_append(GcHeader* node, GcHeader* list) noexcept {
  GcHeader* last = list->prev();
  last->set_next(node);
  node->set_prev(last);
  node->set_next(list);
  list->set_head_prev(node);
}

/// Appends `node`, which has never been tracked, at the end of `list`.
inline void gc_list_append_new(GcHeader* node, GcHeader* list) noexcept {
  GcHeader* last = list->prev();
  last->set_next(node);
  node->link_new(last, list);
  list->set_head_prev(node);
}

/// Unlinks `node` from its list and marks it untracked.
inline void gc_list_remove(GcHeader* node) noexcept {
  GcHeader* prev = node->prev();
  GcHeader* next = node->next();
  // Read with the links: after the neighbours' stores the compiler would read the word again.
  const bool finalized = node->is_finalized();
  prev->set_next(next);
  next->set_prev(prev);
  node->mark_untracked(finalized);
}

/// Moves `node` from its list to the end of `list`.
inline void gc_list_move(GcHeader* node, GcHeader* list) noexcept {
  GcHeader* from_prev = node->prev();
  GcHeader* from_next = node->next();
  from_prev->set_next(from_next);
  from_next->set_prev(from_prev);
  GcHeader* to_prev = list->prev();
  to_prev->set_next(node);
  node->set_prev(to_prev);
  node->set_next(list);
  list->set_head_prev(node);
}

/// Appends all of `from` to the end of `to`, leaving `from` empty.
inline void gc_list_merge(GcHeader* from, GcHeader* to) noexcept {
  if (gc_list_is_empty(from)) return;
  GcHeader* to_tail = to->prev();
  GcHeader* from_head = from->next();
  GcHeader* from_tail = from->prev();
  to_tail->set_next(from_head);
  from_head->set_prev(to_tail);
  to->set_head_prev(from_tail);
  from_tail->set_next(to);
  gc_list_init(from);
}

inline std::ptrdiff_t gc_list_size(const GcHeader* list) noexcept {
  std::ptrdiff_t n = 0;
  for (const GcHeader* gc = list->next(); gc != list; gc = gc->next()) ++n;
  return n;
}

/// Clears COLLECTING on every member.
inline void gc_list_clear_collecting(GcHeader* list) noexcept {
  for (GcHeader* gc = list->next(); gc != list; gc = gc->next()) gc->clear_collecting();
}

}  // namespace gclab::detail
