// Attack (or accident): abort() while static objects are constructed, before main() and the cells.
#include <gclab/cell.hpp>

#include <cstdlib>

namespace {
const bool aborted = [] {
  std::abort();
  return true;
}();
}  // namespace

GCLAB_CELL(1, "abort in a static initialiser") { (void)aborted; }
