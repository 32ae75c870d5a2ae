#include "gclab/object.hpp"

#include <fmt/format.h>

#include <functional>

#include "gclab/detail/runtime.hpp"
#include "gclab/errors.hpp"

namespace gclab {

std::string Object::repr() const {
  const TypeInfo& t = type();
  return fmt::format("<{}{}{} object at {}>", t.module, t.module.empty() ? "" : ".", t.name,
                     fmt::ptr(this));
}

std::size_t Object::hash() const { return std::hash<const void*>{}(this); }

std::string describe_exception(const std::exception& e) {
  if (const auto* py = dynamic_cast<const Exception*>(&e)) {
    return fmt::format("{}: {}", py->type_name(), py->what());
  }
  return fmt::format("{}: {}", detail::class_name(typeid(e)), e.what());
}

}  // namespace gclab
