// What the weak containers share: the deferred-removal bookkeeping of Lib/weakref.py
// (_IterationGuard, _pending_removals) and a C++ range that behaves like a Python generator.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "gclab/ref.hpp"

namespace gclab::weakref::detail {

/// A container's removal state. The container owns it; the weak references' callbacks hold it
/// weakly (Lib/weakref.py's `selfref`), so a callback that fires after the container is gone
/// does nothing.
struct RemovalState {
  int iterating = 0;                  ///< live iterations (_IterationGuard)
  std::vector<Ref<Object>> pending;   ///< removals deferred until the last iteration ends
};

/// Held for the duration of an iteration: removals requested meanwhile wait, because removing
/// an entry under a running iteration would invalidate it. The last guard to go commits them.
class IterationGuard {
 public:
  template <class Commit>
  IterationGuard(std::shared_ptr<RemovalState> state, Commit commit)
      : state_(std::move(state)), commit_(std::move(commit)) {
    ++state_->iterating;
  }
  IterationGuard(IterationGuard&& other) noexcept = default;
  IterationGuard(const IterationGuard&) = delete;
  IterationGuard& operator=(const IterationGuard&) = delete;
  IterationGuard& operator=(IterationGuard&&) = delete;
  ~IterationGuard() {
    if (state_ && --state_->iterating == 0) commit_();
  }

 private:
  std::shared_ptr<RemovalState> state_;
  std::function<void()> commit_;
};

/// A Python generator as a C++ range: `Cursor::next(Item&)` yields items until it returns false.
/// The iterator owns the cursor (and so the IterationGuard inside it): the guard is released when
/// the loop ends, as a finished generator releases its _IterationGuard.
template <class Cursor, class Item>
class Generator {
 public:
  struct Sentinel {};
  class Iterator {
   public:
    explicit Iterator(Cursor cursor) : state_(std::make_shared<State>(std::move(cursor))) {
      ++*this;
    }
    const Item& operator*() const { return state_->item; }
    Iterator& operator++() {
      state_->done = !state_->cursor.next(state_->item);
      return *this;
    }
    bool operator==(Sentinel) const { return state_->done; }

   private:
    struct State {
      explicit State(Cursor c) : cursor(std::move(c)) {}
      Cursor cursor;
      Item item{};
      bool done = false;
    };
    std::shared_ptr<State> state_;
  };

  explicit Generator(Cursor cursor) : cursor_(std::move(cursor)) {}
  /// Starts the (single) iteration.
  Iterator begin() { return Iterator(std::move(*cursor_)); }
  Sentinel end() const { return {}; }

 private:
  std::optional<Cursor> cursor_;
};

}  // namespace gclab::weakref::detail
