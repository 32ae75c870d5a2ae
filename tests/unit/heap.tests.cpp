// The engine's heap keeps its memory, as the engine's arenas are meant to: this machine's page
// faults cost microseconds each, and a program that builds the same structure again (a notebook
// cell run twice, a benchmark's repetitions) would otherwise pay them every time. The memory it
// maps is advised into huge pages, so that faults and TLB misses come per 2 MiB, not per 4 KiB.
#include <sys/resource.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "gclab/detail/storage.hpp"

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

/// The kernel's transparent huge page mode ("always", "madvise" or "never"; empty if unknown).
std::string thp_mode() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(in, modes);
  const auto open = modes.find('['), close = modes.find(']');
  if (open == std::string::npos || close == std::string::npos) return {};
  return modes.substr(open + 1, close - open - 1);
}

/// The "THPeligible:" of the mapping that holds `address`, from /proc/self/smaps.
std::optional<int> thp_eligible(const void* address) {
  const auto wanted = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  bool inside = false;
  for (std::string line; std::getline(smaps, line);) {
    unsigned long low = 0, high = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &low, &high) == 2) {
      inside = low <= wanted && wanted < high;
    } else if (inside && line.rfind("THPeligible:", 0) == 0) {
      return std::stoi(line.substr(12));
    }
  }
  return std::nullopt;
}

}  // namespace
#endif

TEST_CASE_METHOD(GcFixture, "objects and large buffers live in memory advised into huge pages", "[heap]") {
#if GCLAB_SYSTEM_ALLOC
  WARN("not checked: this build takes every block from operator new (GCLAB_SYSTEM_ALLOC)");
#else
  const std::string mode = thp_mode();
  if (mode != "always" && mode != "madvise") {
    WARN("not checked: transparent huge pages are '" << mode << "' on this machine");
    return;
  }
  // A small object comes from an arena chunk; a 2 MiB buffer (a dict's index for 10^5 keys) is a
  // large block. Both are eligible even in "madvise" mode, where plain heap memory is not.
  const auto object = make<test::Plain>();
  CHECK(thp_eligible(object.get()) == 1);
  constexpr std::size_t kIndexBytes = std::size_t{2} << 20;
  void* buffer = detail::allocate_storage(kIndexBytes);
  CHECK(thp_eligible(buffer) == 1);
  detail::deallocate_storage(buffer, kIndexBytes);
  const std::vector<std::byte> plain(std::size_t{4} << 20);
  if (mode == "madvise") CHECK(thp_eligible(plain.data()) == 0);  // the check can tell them apart
#endif
}

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
