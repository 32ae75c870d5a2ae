// The stack that refcount death (runtime.cpp) releases references from, in place of nested
// calls. A growable array of object pointers, like std::vector, but with a push that inlines to a
// compare, a store and an increment: a death in a chain pushes twice, and std::vector's
// push_back, which GCC keeps out of line, cost 20 instructions per push.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>

namespace gclab {
class Object;
}

namespace gclab::detail {

class DeathStack {
 public:
  constexpr DeathStack() = default;
  DeathStack(const DeathStack&) = delete;
  DeathStack& operator=(const DeathStack&) = delete;

  std::size_t size() const noexcept { return static_cast<std::size_t>(top_ - base_); }
  bool empty() const noexcept { return top_ == base_; }
  void push(Object* op) noexcept {
    if (top_ == end_) [[unlikely]] grow();
    *top_++ = op;
  }
  Object* pop() noexcept { return *--top_; }
  /// The entries from index `first` to the top: [from(first), end()).
  Object** from(std::size_t first) noexcept { return base_ + first; }
  Object** end() noexcept { return top_; }

  /// Frees the buffer of an empty stack that grew past `max_entries`: a wide structure (a list of
  /// 10^6 objects) stacks all its references at once. A smaller buffer is kept for the next
  /// death (grown afresh, its pages would be faulted in each time).
  void trim(std::size_t max_entries) noexcept {
    if (!empty() || static_cast<std::size_t>(end_ - base_) <= max_entries) return;
    std::free(base_);
    base_ = top_ = end_ = nullptr;
  }

 private:
  [[gnu::noinline]] void grow() noexcept {
    const std::size_t used = size();
    const std::size_t capacity = used == 0 ? 64 : 2 * used;
    void* grown = std::realloc(base_, capacity * sizeof(Object*));
    if (!grown) {
      // A death cannot fail half-way: its referents would leak or dangle.
      std::fputs("gclab: out of memory while freeing objects\n", stderr);
      std::abort();
    }
    base_ = static_cast<Object**>(grown);
    top_ = base_ + used;
    end_ = base_ + capacity;
  }

  Object** base_ = nullptr;
  Object** top_ = nullptr;
  Object** end_ = nullptr;
};

}  // namespace gclab::detail
