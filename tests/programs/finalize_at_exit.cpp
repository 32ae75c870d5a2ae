// W9: at interpreter exit, the live weakref.finalize objects marked atexit run newest first, and
// those with atexit = False do not run. A program of its own, because the check is its exit.
//   a, b, c = C(), C(), C()
//   fa = finalize(a, print, "fin a"); fb = finalize(b, print, "fin b")
//   fc = finalize(c, print, "fin c"); fc.atexit = False
//   (exit)  ->  fin b, fin a
#include <gclab/gclab.hpp>

namespace {
struct C : gclab::Object {};
}  // namespace

int main() {
  static auto a = gclab::make<C>();
  static auto b = gclab::make<C>();
  static auto c = gclab::make<C>();
  gclab::weakref::finalize fa(a, [] { gclab::print("fin a"); });
  gclab::weakref::finalize fb(b, [] { gclab::print("fin b"); });
  gclab::weakref::finalize fc(c, [] { gclab::print("fin c"); });
  fc.set_atexit(false);
  gclab::print("exiting");
}
