// Problem 1's probe: the notebook's track_refcount() (cell 19) with a checkpoint at each TODO. Each
// checkpoint reports sys.getrefcount(data) and who holds those references, named from the engine:
// the function's variables that refer to `data` now, the containers that refer to it
// (gc.get_referrers), and getrefcount's own argument.
#include <fmt/format.h>

#include "probe.hpp"

using namespace gclab;

namespace {

/// A variable of the code being probed, by name: `kind` says whose it is ("local", "global").
struct Name {
  std::string_view name;
  const Ref<Dict>* handle;
  std::string_view kind = "local";
};

void checkpoint(std::string_view step, const Ref<Dict>& obj, std::initializer_list<Name> names) {
  const std::ptrdiff_t value = sys::getrefcount(obj);
  std::vector<std::string> holders;
  for (const Name& n : names)
    if (n.handle->is(obj)) holders.push_back(fmt::format("{} ({})", n.name, n.kind));
  const Ref<List> referrers = gc::get_referrers(obj);
  for (const Ref<Object>& container : *referrers)
    holders.push_back(fmt::format("a {} that contains it", container->type().name));
  holders.push_back("getrefcount's own argument");
  // Anything else is a reference the probe cannot name; say so rather than hide it.
  for (auto unnamed = value - static_cast<std::ptrdiff_t>(holders.size()); unnamed > 0; --unnamed)
    holders.push_back("a reference the probe cannot name");
  workbook::report("refcount", {{"step", step}, {"value", value}, {"holders", holders}});
}

Ref<Dict> track_refcount() {
  Ref<Dict> data = dict({{"key", "value"}});
  Ref<Dict> ref1, ref2;  // Python's locals exist from the start, unbound until assigned
  const auto locals = {Name{"data", &data}, Name{"ref1", &ref1}, Name{"ref2", &ref2}};

  checkpoint("initial", data, locals);
  ref1 = data;
  checkpoint("after_ref1", data, locals);
  ref2 = ref1;
  checkpoint("after_ref2", data, locals);
  del(ref1);
  checkpoint("after_del_ref1", data, locals);
  return data;
}

void probe() {
  // In the notebook `result` is a module-level name.
  Ref<Dict> result = track_refcount();
  checkpoint("after_return", result, {Name{"result", &result, "global"}});
}

[[maybe_unused]] const bool registered = probes::register_probe(19, "grader probe: problem 1", &probe);

}  // namespace
