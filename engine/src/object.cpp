#include "gclab/object.hpp"

#include <fmt/format.h>

#include <functional>

#include "death_stack.hpp"
#include "gclab/detail/runtime.hpp"
#include "gclab/errors.hpp"
#include "gclab/visitor.hpp"

namespace gclab {

std::string Object::repr() const {
  const TypeInfo& t = type();
  return fmt::format("<{}{}{} object at {}>", t.module, t.module.empty() ? "" : ".", t.name,
                     fmt::ptr(this));
}

std::size_t Object::hash() const { return std::hash<const void*>{}(this); }

// A clearing visitor that takes references (see the constructor) takes the last one to a GC
// object instead of dropping it.
void Visitor::release_cleared(Object* referent) noexcept {
  if (taken_ && referent->refcount() == 1 && referent->type().is_gc) {
    taken_->push(referent);
  } else {
    detail::Runtime::decref(referent);
  }
}

std::string_view Visitor::nth_field_name(std::string_view names, std::size_t i) noexcept {
  for (; i > 0; --i) {
    const auto comma = names.find(',');
    if (comma == std::string_view::npos) return {};
    names.remove_prefix(comma + 1);
  }
  names = names.substr(0, names.find(','));
  while (!names.empty() && names.front() == ' ') names.remove_prefix(1);
  while (!names.empty() && names.back() == ' ') names.remove_suffix(1);
  return names;
}

std::string describe_exception(const std::exception& e) {
  if (const auto* py = dynamic_cast<const Exception*>(&e)) {
    return fmt::format("{}: {}", py->type_name(), py->what());
  }
  return fmt::format("{}: {}", detail::class_name(typeid(e)), e.what());
}

}  // namespace gclab
