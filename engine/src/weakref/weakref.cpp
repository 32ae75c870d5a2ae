#include <fmt/format.h>

#include <vector>

#include "gc/state.hpp"
#include "gclab/detail/storage.hpp"
#include "gclab/builtins/none.hpp"
#include "gclab/weakref/iteration.hpp"
#include "weakref/weaklist.hpp"

namespace gclab::weakref {

void refuse_weak_reference(const Object* referent) {
  if (!referent) throw TypeError("cannot create weak reference to 'NoneType' object");
  throw TypeError(fmt::format("cannot create weak reference to '{}' object", referent->type().name));
}

// --- the list ----------------------------------------------------------------------------------

void Weaklist::get_basic_refs(ReferenceType* head, ReferenceType*& ref, ReferenceType*& proxy) {
  ref = proxy = nullptr;
  if (head && !head->has_callback()) {
    if (head->kind_ == ReferenceType::Kind::Ref) {
      ref = head;
      head = head->next_;
    }
    if (head && !head->has_callback() && head->kind_ == ReferenceType::Kind::Proxy) proxy = head;
  }
}

void Weaklist::link_among_others(ReferenceType& wr) {
  ReferenceType*& head = wr.object_->weaklist_;
  ReferenceType* ref = nullptr;
  ReferenceType* proxy = nullptr;
  get_basic_refs(head, ref, proxy);
  ReferenceType* prev = nullptr;
  if (wr.kind_ == ReferenceType::Kind::Proxy) {
    prev = wr.has_callback() ? (proxy ? proxy : ref) : ref;
  } else if (wr.has_callback() || wr.kind_ != ReferenceType::Kind::Ref) {
    prev = proxy ? proxy : ref;
  }  // else: the shared basic ref goes first
  if (!prev) {
    link_first(wr);
  } else {
    wr.prev_ = prev;
    wr.next_ = prev->next_;
    if (prev->next_) prev->next_->prev_ = &wr;
    prev->next_ = &wr;
  }
}

void Weaklist::link_first(ReferenceType& wr) noexcept {
  ReferenceType*& head = wr.object_->weaklist_;
  wr.prev_ = nullptr;
  wr.next_ = head;
  if (head) head->prev_ = &wr;
  head = &wr;
}

void Weaklist::clear_ref(ReferenceType& wr) noexcept {
  if (wr.object_ && wr.kind_ == ReferenceType::Kind::Container) {
    static_cast<detail::ContainerRef&>(wr).forget_referent();
  }
  unlink(wr);
}

void Weaklist::unlink(ReferenceType& wr) noexcept {
  if (!wr.object_) return;
  if (wr.object_->weaklist_ == &wr) wr.object_->weaklist_ = wr.next_;
  if (wr.prev_) wr.prev_->next_ = wr.next_;
  if (wr.next_) wr.next_->prev_ = wr.prev_;
  wr.prev_ = wr.next_ = nullptr;
  wr.object_ = nullptr;
}

namespace {

/// Runs `call` (which calls a callback of `wr`), reporting an exception as CPython's
/// handle_callback does.
template <class Call>
void run_callback(ReferenceType& wr, Call&& call) noexcept {
  // The callback may drop the last other reference to `wr` (a weak container's removal does).
  const Ref<ReferenceType> hold = Ref<ReferenceType>::borrow(&wr);
  try {
    // ---- user code runs here ----
    call(hold);
  } catch (...) {
    gclab::detail::write_unraisable(fmt::format("<weakref callback of {}>", wr.repr()),
                                    std::current_exception());
  }
}

}  // namespace

namespace {

Callback* boxed(std::uintptr_t context) noexcept { return reinterpret_cast<Callback*>(context); }

void call_boxed(const Ref<ReferenceType>& wr, std::uintptr_t context) { (*boxed(context))(wr); }

}  // namespace

namespace detail {

CallbackSlot box_callback(Callback&& callback) {
  if (!callback) return {};
  auto* box = ::new (gclab::detail::allocate_storage(sizeof(Callback))) Callback(std::move(callback));
  return {&call_boxed, reinterpret_cast<std::uintptr_t>(box)};
}

}  // namespace detail

void release_callback(const CallbackSlot& callback) noexcept {
  if (callback.call != &call_boxed) return;
  boxed(callback.context)->~Callback();
  gclab::detail::deallocate_storage(boxed(callback.context), sizeof(Callback));
}

void Weaklist::call_callback(ReferenceType& wr, const CallbackSlot& callback) noexcept {
  run_callback(wr, [&](const Ref<ReferenceType>& hold) { callback.call(hold, callback.context); });
}

void Weaklist::clear_weakrefs(Object& op) noexcept {
  // Every weak reference is cleared before any callback runs, so no callback can reach the dying
  // object through another weak reference.
  if (ReferenceType* only = op.weaklist_; !only->next_) {
    // The common case (CPython has the same shortcut): one weak reference, no list to build.
    const TakenCallback callback = take_callback(*only);
    clear_ref(*only);
    if (callback && only->refcount() > 0) call_callback(*only, callback.slot());
    return;
  }
  struct Pending {
    Ref<ReferenceType> wr;
    TakenCallback callback;
  };
  std::vector<Pending> pending;
  while (ReferenceType* wr = op.weaklist_) {
    TakenCallback callback = take_callback(*wr);
    clear_ref(*wr);
    // A weak reference whose own count already reached zero is being freed: no callback.
    if (callback && wr->refcount() > 0) {
      pending.push_back({Ref<ReferenceType>::borrow(wr), std::move(callback)});
    }
  }
  for (auto& p : pending) call_callback(*p.wr, p.callback.slot());
}

// --- ReferenceType and ProxyType ---------------------------------------------------------------

ReferenceType::ReferenceType(Object& referent) : object_(&referent), kind_(Kind::Ref) {
  Weaklist::link_first(*this);
}

ReferenceType::ReferenceType(Object& referent, CallbackSlot callback)
    : ReferenceType(referent, callback, Kind::Ref) {}

ReferenceType::ReferenceType(Object& referent, CallbackSlot callback, Kind kind)
    : object_(&referent), callback_(callback), kind_(kind) {
  Weaklist::link(*this);
}

ReferenceType::~ReferenceType() {
  Weaklist::unlink(*this);
  Weaklist::release_own_callback(*this);
}

std::string ReferenceType::repr() const {
  const Object* target = referent();
  if (!target) return fmt::format("<weakref at {}; dead>", fmt::ptr(this));
  return fmt::format("<weakref at {}; to '{}' at {}>", fmt::ptr(this), target->type().name,
                     fmt::ptr(target));
}

std::size_t ReferenceType::hash() const {
  if (hashed_) return hash_;
  const Object* target = referent();
  if (!target) throw TypeError("weak object has gone away");
  hash_ = target->hash();
  hashed_ = true;
  return hash_;
}

bool ReferenceType::equals(const Object& other) const {
  if (!other.type().is_weakref) return false;
  const auto* wr = static_cast<const ReferenceType*>(&other);
  const Object* mine = referent();
  const Object* theirs = wr->referent();
  if (!mine || !theirs) return this == wr;
  return mine == theirs || mine->equals(*theirs);
}

Object& ProxyType::target() const {
  Object* target = referent();
  if (!target) throw ReferenceError("weakly-referenced object no longer exists");
  return *target;
}

std::string ProxyType::repr() const {
  const Object* target = referent();
  if (!target) {
    return fmt::format("<weakproxy at {} to NoneType at {}>", fmt::ptr(this), fmt::ptr(None().get()));
  }
  return fmt::format("<weakproxy at {} to {} at {}>", fmt::ptr(this), target->type().name,
                     fmt::ptr(target));
}

bool ProxyType::equals(const Object& other) const {
  const Object& me = target();
  const auto* other_proxy = dynamic_cast<const ProxyType*>(&other);
  const Object& them = other_proxy ? other_proxy->target() : other;
  return &me == &them || me.equals(them);
}

// --- the module functions ----------------------------------------------------------------------

namespace detail {

Ref<ReferenceType> new_ref(Object* referent) {
  Object& obj = require_weakrefable(referent);
  ReferenceType* ref = nullptr;
  ReferenceType* proxy = nullptr;
  Weaklist::get_basic_refs(Weaklist::head(obj), ref, proxy);
  if (ref) return Ref<ReferenceType>::borrow(ref);
  return make<ReferenceType>(obj);
}

namespace {

/// make<T>(referent, callback), the callback's box freed if no weak reference came to own it (the
/// referent cannot be weakly referenced, or the allocation's collection threw).
template <class T>
Ref<T> make_owning(Object* referent, CallbackSlot callback) {
  try {
    return make<T>(require_weakrefable(referent), callback);
  } catch (...) {
    release_callback(callback);
    throw;
  }
}

}  // namespace

Ref<ReferenceType> new_ref(Object* referent, CallbackSlot callback) {
  if (!callback) return new_ref(referent);
  return make_owning<ReferenceType>(referent, callback);
}

Ref<ReferenceType> new_ref(Object* referent, Callback&& callback) {
  return new_ref(referent, box_callback(std::move(callback)));
}

Ref<ProxyType> new_proxy(Object* referent, CallbackSlot callback) {
  if (!callback) {
    Object& obj = require_weakrefable(referent);
    ReferenceType* ref = nullptr;
    ReferenceType* proxy = nullptr;
    Weaklist::get_basic_refs(Weaklist::head(obj), ref, proxy);
    if (proxy) return Ref<ProxyType>::borrow(static_cast<ProxyType*>(proxy));
  }
  return make_owning<ProxyType>(referent, callback);
}

}  // namespace detail

std::ptrdiff_t getweakrefcount(const Ref<Object>& obj) {
  std::ptrdiff_t n = 0;
  if (obj) {
    for (ReferenceType* wr = Weaklist::head(*obj); wr; wr = Weaklist::next(*wr)) ++n;
  }
  return n;
}

Ref<List> getweakrefs(const Ref<Object>& obj) {
  auto result = make<List>();
  if (obj) {
    for (ReferenceType* wr = Weaklist::head(*obj); wr; wr = Weaklist::next(*wr)) {
      result->append(Ref<ReferenceType>::borrow(wr));
    }
  }
  return result;
}

}  // namespace gclab::weakref
