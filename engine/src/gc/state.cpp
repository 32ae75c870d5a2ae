#include "gc/state.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <ostream>

#include "gc/gc_list.hpp"
#include "gclab/errors.hpp"
#include "gclab/sys.hpp"

namespace gclab::detail {

GcState& create_gcstate() noexcept {
  gcstate_ = new GcState();
  return *gcstate_;
}

GcState::GcState()
    : generations{{{{}, kDefaultThreshold0, 0}, {{}, kDefaultThreshold1, 0}, {{}, kDefaultThreshold2, 0}}} {
  for (auto& gen : generations) gc_list_init(&gen.head);
  gc_list_init(&permanent);
}

List& GcState::garbage_list() {
  if (!garbage) garbage = make<List>();
  return *garbage;
}

void write_unraisable(std::string_view where, std::exception_ptr error) noexcept {
  try {
    std::string description = "unknown exception";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      description = describe_exception(e);
    } catch (...) {
    }
    fmt::print(sys::err(), "Exception ignored in: {}\n{}\n", where, description);
  } catch (...) {
    // Reporting must never throw out of a collection or a deallocation.
  }
}

void call_type_hook(Object& op, void (*hook)(Object&), std::string_view method) noexcept {
  try {
    hook(op);
  } catch (...) {
    write_unraisable(fmt::format("<function {}.{} at {}>", op.type().name, method, fmt::ptr(&op)),
                     std::current_exception());
  }
}

}  // namespace gclab::detail
