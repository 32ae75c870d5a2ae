#include "gclab/sys.hpp"

#include <iostream>

#include "gc/gc_header.hpp"
#include "gclab/print.hpp"

namespace gclab::sys {

namespace {
std::ostream* stdout_stream = &std::cout;
std::ostream* stderr_stream = &std::cerr;
}  // namespace

std::size_t getsizeof(const Ref<Object>& obj) {
  if (!obj) return 16;  // sys.getsizeof(None)
  const TypeInfo& type = obj->type();
  return type.block_size + obj->storage_size();
}

std::ostream& set_stdout(std::ostream& out) { return *std::exchange(stdout_stream, &out); }
std::ostream& set_stderr(std::ostream& err) { return *std::exchange(stderr_stream, &err); }
std::ostream& out() { return *stdout_stream; }
std::ostream& err() { return *stderr_stream; }

}  // namespace gclab::sys

namespace gclab::detail {
void write_stdout(std::string_view text) {
  std::ostream& out = sys::out();
  out << text << '\n';
  // Python's stdout is flushed before anything reaches stderr; flushing each line keeps the
  // collector's debug lines and the program's own prints in the order they happened.
  out.flush();
}
}  // namespace gclab::detail
