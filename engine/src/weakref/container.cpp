#include "gclab/weakref/iteration.hpp"

#include "gclab/builtins/dict.hpp"

namespace gclab::weakref::detail {

void RemovalState::commit_pending() {
  while (!pending.empty()) {
    Ref<ReferenceType> wr = std::move(pending.back());
    pending.pop_back();
    remove(*this, *wr);
  }
}

ContainerRef::ContainerRef(Object& referent, RemovalState& state)
    : ReferenceType(referent, CallbackSlot{&ContainerRef::on_death, reinterpret_cast<std::uintptr_t>(&state)},
                    Kind::Container) {
  state.retain();
}

// A slot naming a dead ref would be trusted again by a new ref made at the same address.
ContainerRef::~ContainerRef() {
  if (ReferentCache::Slot* slot = cache_slot()) slot->ref = nullptr;
  state().release();
}

void ContainerRef::cache_at(std::size_t pos) {
  position = static_cast<std::uint32_t>(pos);
  gclab::detail::Storage<ReferentCache::Slot>& slots = state().referents.slots;
  const ReferentCache::Slot slot{this, wr_object()};
  if (pos == slots.size()) return slots.push_back(slot);  // a new item, the commonest set()
  if (pos > slots.size()) slots.resize(pos + 1);
  slots[pos] = slot;
}

ReferentCache::Slot* ContainerRef::cache_slot() const noexcept {
  gclab::detail::Storage<ReferentCache::Slot>& slots = state().referents.slots;
  if (position < slots.size() && slots[position].ref == this) return &slots[position];
  return nullptr;
}

namespace {

/// Out of line, so that the common removal (no iteration running) saves no registers for it.
[[gnu::noinline]] void defer_removal(RemovalState& state, ReferenceType& wr) {
  state.pending.push_back(Ref<ReferenceType>::borrow(&wr));
}

}  // namespace

void ContainerRef::on_death(const Ref<ReferenceType>& wr, std::uintptr_t context) {
  RemovalState& state = *reinterpret_cast<RemovalState*>(context);
  if (!state.alive) return;  // the container is gone
  if (state.iterating) [[unlikely]] return defer_removal(state, *wr);
  state.remove(state, *wr);
}

WeakContainer::WeakContainer(Ref<Object> data, void (*remove)(RemovalState&, ReferenceType&))
    : data_(std::move(data)), state_(new RemovalState()) {
  state_->remove = remove;
  state_->data = data_.get();
}

// The weak references may outlive the container (valuerefs() hands them out): `alive` disarms
// their callbacks, and they keep the state itself until the last of them goes.
WeakContainer::~WeakContainer() {
  state_->alive = false;
  state_->pending.clear();
  state_->release();
}

WeakContainer::Pass::Pass(const WeakContainer& container) : state_(container.state_) {
  state_->commit_removals();
  state_->retain();
  ++state_->iterating;
}

WeakContainer::Pass::Pass(Pass&& other) noexcept
    : pos(other.pos), state_(std::exchange(other.state_, nullptr)), size_at_start_(other.size_at_start_) {}

WeakContainer::Pass::~Pass() {
  if (!state_) return;
  if (--state_->iterating == 0 && state_->alive) state_->commit_removals();
  state_->release();
}

void WeakContainer::Pass::check_size(std::ptrdiff_t size, const char* message) const {
  if (size != size_at_start_) throw RuntimeError(message);
}

WeakContainer::DictCursor::DictCursor(const WeakContainer& container, WeakSide side)
    : data_(&container.data<Dict>()), pass_(container), side_(side) {
  pass_.start(data_->size());
}

bool WeakContainer::DictCursor::next(Ref<Object>& key, Ref<Object>& value) {
  Dict::Entry entry;
  while (true) {
    pass_.check_size(data_->size(), "dictionary changed size during iteration");
    if (!data_->next(pass_.pos, entry)) return false;
    Ref<Object>& weak = side_ == WeakSide::Key ? entry.key : entry.value;
    if (Ref<Object> referent = static_cast<const ReferenceType&>(*weak).lock()) {
      weak = std::move(referent);
      key = std::move(entry.key);
      value = std::move(entry.value);
      return true;
    }
  }
}

}  // namespace gclab::weakref::detail
