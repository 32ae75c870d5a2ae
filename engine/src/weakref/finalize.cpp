#include "gclab/weakref/finalize.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <map>

#include "gc/state.hpp"

namespace gclab::weakref {

struct finalize::Entry {
  Ref<ReferenceType> wr;  // to the object, with the callback that runs the finalizer
  Func func;
  bool atexit = true;
  std::size_t index;      // creation order, for the exit-time order
};

namespace {

// Lib/weakref.py's finalize._registry: a finalizer stays registered until it has run or been
// detached, whatever happens to its handle. Ordered by creation for the exit-time pass.
std::map<std::size_t, std::shared_ptr<finalize::Entry>>& registry() {
  static auto* const entries = new std::map<std::size_t, std::shared_ptr<finalize::Entry>>();
  return *entries;
}
std::size_t next_index = 0;
bool shutting_down = false;

std::shared_ptr<finalize::Entry> unregister(std::size_t index) {
  auto& entries = registry();
  auto it = entries.find(index);
  if (it == entries.end()) return nullptr;
  auto entry = std::move(it->second);
  entries.erase(it);
  return entry;
}

void run(const std::shared_ptr<finalize::Entry>& entry) {
  if (!entry) return;
  try {
    // ---- user code runs here ----
    entry->func();
  } catch (...) {
    gclab::detail::write_unraisable(
        fmt::format("<finalize object at {}>", fmt::ptr(entry.get())), std::current_exception());
  }
}

// At exit, the live finalizers marked atexit run newest first (finalize._exitfunc).
void run_at_exit() {
  shutting_down = true;
  auto& entries = registry();
  while (!entries.empty()) {
    auto last = std::prev(entries.end());
    auto entry = std::move(last->second);
    entries.erase(last);
    if (entry->atexit) run(entry);
  }
}

}  // namespace

finalize::finalize(const Ref<Object>& obj, Func func) : entry_(std::make_shared<Entry>()) {
  static const bool exit_hook_registered = std::atexit(run_at_exit) == 0;
  (void)exit_hook_registered;
  entry_->func = std::move(func);
  entry_->index = next_index++;
  const std::size_t index = entry_->index;
  entry_->wr = detail::new_ref(obj.get(), [index](const Ref<ReferenceType>&) {
    if (!shutting_down) run(unregister(index));
  });
  registry().emplace(index, entry_);
}

bool finalize::alive() const { return registry().contains(entry_->index); }

void finalize::operator()() { run(unregister(entry_->index)); }

std::optional<finalize::Info> finalize::peek() const {
  if (!alive()) return std::nullopt;
  Ref<Object> obj = entry_->wr->lock();
  if (!obj) return std::nullopt;
  return Info{obj, entry_->func};
}

std::optional<finalize::Info> finalize::detach() {
  std::optional<Info> info = peek();
  if (info) unregister(entry_->index);
  return info;
}

bool finalize::atexit() const { return entry_->atexit; }
void finalize::set_atexit(bool value) { entry_->atexit = value; }

std::string finalize::repr() const {
  Object* obj = alive() ? entry_->wr->referent() : nullptr;
  if (!obj) return fmt::format("<finalize object at {}; dead>", fmt::ptr(entry_.get()));
  return fmt::format("<finalize object at {}; for '{}' at {}>", fmt::ptr(entry_.get()),
                     obj->type().name, fmt::ptr(obj));
}

}  // namespace gclab::weakref
