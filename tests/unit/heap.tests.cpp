// The engine's heap keeps its memory, as the engine's arenas are meant to: this machine's page
// faults cost microseconds each, and a program that builds the same structure again (a notebook
// cell run twice, a benchmark's repetitions) would otherwise pay them every time.
#include <sys/resource.h>

#include "support/gc_fixture.hpp"

using namespace gclab;
using gclab::test::GcFixture;

#if !GCLAB_SYSTEM_ALLOC
namespace {

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

}  // namespace
#endif

TEST_CASE_METHOD(GcFixture, "a list grown again after its like was freed takes no new page faults", "[heap]") {
#if GCLAB_SYSTEM_ALLOC
  WARN("not checked: this build takes every block from operator new (GCLAB_SYSTEM_ALLOC)");
#else
  // 10^6 items: the list's buffer doubles 20 times up to 8 MB, every step above 512 bytes a block
  // from the system's allocator (which unmaps or trims such blocks when they are freed).
  const auto grow = [] {
    auto list = make<List>();
    for (int i = 0; i < 1'000'000; ++i) list->append(None());
  };
  grow();  // faults the buffers in
  const long before = minor_faults();
  grow();
  // Without the kept blocks: about 4000 faults (16 MB of buffers, 4 KiB each).
  CHECK(minor_faults() - before < 100);
#endif
}
