// gclab::tracemalloc: Python's `tracemalloc` over the engine's heap. While tracing, every block the
// engine allocates -- object bodies, list/dict/set storage, string data -- is recorded with the
// call chain of the program that caused it (the program's own source file and line, found in its
// debug information; frames inside the engine and the C++ library are left out, as CPython leaves
// out its C frames). Reports print exactly as CPython 3.11's do.
//
// Example (notebook 5):
//   gclab::tracemalloc::start();
//   auto before = gclab::tracemalloc::take_snapshot();
//   auto data = process_data(1000);
//   auto after = gclab::tracemalloc::take_snapshot();
//   for (const auto& stat : after.compare_to(before, "lineno")) gclab::print("{}", stat);
//
// Programs must be built with debug line information (-g, as the dev preset does) for frames to
// name source lines; without it every trace is attributed to "<unknown>:0".
#pragma once

#include <fmt/format.h>

#include <compare>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gclab/ref.hpp"

namespace gclab::tracemalloc {

/// One line of the program: "file.cpp:12". Ordered by (filename, lineno), as CPython's Frame.
struct Frame {
  std::string filename;
  int lineno = 0;
  auto operator<=>(const Frame&) const = default;
  std::string str() const;   ///< "file.cpp:12"
  std::string repr() const;  ///< "<Frame filename='file.cpp' lineno=12>"
};

/// The call chain of an allocation, oldest frame first (CPython's orientation): back() is the
/// line that allocated. str() is the oldest frame, as in CPython.
class Traceback {
 public:
  Traceback() = default;
  /// From frames most recent first, as raw traces hold them (CPython's Traceback(frames)).
  explicit Traceback(std::vector<Frame> most_recent_first,
                     std::optional<int> total_nframe = std::nullopt);

  std::size_t size() const noexcept { return frames().size(); }
  bool empty() const noexcept { return frames().empty(); }
  /// Python indexing: 0 is the oldest frame, -1 the most recent; IndexError when out of range.
  const Frame& operator[](std::ptrdiff_t index) const;
  auto begin() const noexcept { return frames().begin(); }
  auto end() const noexcept { return frames().end(); }
  bool contains(const Frame& frame) const;
  /// Frames the stack had before it was cut to the traceback limit (nullopt when not counted).
  std::optional<int> total_nframe() const noexcept {
    return data_ ? data_->total_nframe : std::nullopt;
  }

  /// CPython's Traceback.format(): '  File "a.cpp", line 3' for each frame, each followed by
  /// '    <source line>' when the source file can be read. limit > 0 keeps the `limit` most
  /// recent frames; limit <= 0 drops that many of the most recent (Python's self[:limit]).
  std::vector<std::string> format(std::optional<int> limit = std::nullopt,
                                  bool most_recent_first = false) const;
  std::string str() const;
  std::string repr() const;

  bool operator==(const Traceback& other) const {
    return data_ == other.data_ || frames() == other.frames();
  }
  auto operator<=>(const Traceback& other) const { return frames() <=> other.frames(); }

 private:
  friend class Snapshot;  // groups traces by shared traceback before comparing frames
  // Shared and immutable: a snapshot's traces, statistics and diffs copy tracebacks freely.
  struct Data {
    std::vector<Frame> frames;  // oldest first
    std::optional<int> total_nframe;
  };
  const std::vector<Frame>& frames() const noexcept;
  std::shared_ptr<const Data> data_;
};

/// One traced memory block.
struct Trace {
  unsigned domain = 0;  ///< 0 for the engine's own allocations
  std::size_t size = 0;
  Traceback traceback;
  /// Also compares total_nframe, as CPython compares raw traces.
  bool operator==(const Trace& other) const;
  std::string str() const;   ///< "a.cpp:1: 100 B"
  std::string repr() const;  ///< "<Trace domain=0 size=100 B, traceback=<Traceback (...) total_nframe=1>>"
};

/// The blocks allocated at one place (a line, a file or a whole traceback).
struct Statistic {
  Traceback traceback;
  std::int64_t size = 0;
  std::int64_t count = 0;
  bool operator==(const Statistic&) const = default;
  std::string str() const;   ///< "file.cpp:12: size=1024 B, count=2, average=512 B"
  std::string repr() const;  ///< "<Statistic traceback=<Traceback (...)> size=1024 count=2>"
};

/// A Statistic and how it changed since an older snapshot.
struct StatisticDiff {
  Traceback traceback;
  std::int64_t size = 0;
  std::int64_t size_diff = 0;
  std::int64_t count = 0;
  std::int64_t count_diff = 0;
  bool operator==(const StatisticDiff&) const = default;
  std::string str() const;   ///< "file.cpp:12: size=3072 B (+2048 B), count=3 (+2), average=1024 B"
  std::string repr() const;  ///< "<StatisticDiff traceback=... size=0 (-4096) count=0 (-4)>"
};

/// Keeps (inclusive) or drops (exclusive) the traces whose most recent frame -- any frame with
/// all_frames -- matches an fnmatch pattern on the file name, and lineno when given. A domain,
/// when given, must also match (inclusive) or may differ (exclusive), as in CPython.
struct Filter {
  bool inclusive = true;
  std::string filename_pattern;
  std::optional<int> lineno;
  bool all_frames = false;
  std::optional<unsigned> domain;
};

/// Keeps (inclusive) or drops (exclusive) the traces of one allocation domain.
struct DomainFilter {
  bool inclusive = true;
  unsigned domain = 0;
};

using AnyFilter = std::variant<Filter, DomainFilter>;

/// The traces of a snapshot, in the order the tracer listed them; prints "<Traces len=5>".
class Traces {
 public:
  std::size_t size() const noexcept { return traces_.size(); }
  const Trace& operator[](std::size_t i) const { return traces_[i]; }
  auto begin() const noexcept { return traces_.begin(); }
  auto end() const noexcept { return traces_.end(); }
  bool operator==(const Traces&) const = default;
  std::string repr() const;

 private:
  friend class Snapshot;
  std::vector<Trace> traces_;
};

/// The traces at one moment, to group, compare, filter, save and load.
class Snapshot {
 public:
  Snapshot(std::vector<Trace> traces, int traceback_limit);

  const Traces& traces() const noexcept { return traces_; }
  int traceback_limit() const noexcept { return traceback_limit_; }

  /// Statistics grouped by key_type "lineno" (the most recent frame), "filename" (its file, line
  /// 0) or "traceback" (the whole chain); cumulative counts every frame of every trace (lineno and
  /// filename only). Sorted by (size, count, traceback), largest first. Throws ValueError with
  /// CPython's messages for an unknown key or cumulative with "traceback".
  std::vector<Statistic> statistics(std::string_view key_type, bool cumulative = false) const;
  /// What changed since `old`, per group; groups gone since then appear with size 0. Sorted by
  /// (|size_diff|, size, |count_diff|, count, traceback), largest first.
  std::vector<StatisticDiff> compare_to(const Snapshot& old, std::string_view key_type,
                                        bool cumulative = false) const;
  /// A new snapshot with the traces the filters keep (all of them when `filters` is empty).
  Snapshot filter_traces(const std::vector<AnyFilter>& filters) const;

  /// Writes the snapshot to `path` in gclab's snapshot format (documented in engine/README.md).
  void dump(const std::filesystem::path& path) const;
  /// Reads a snapshot written by dump(). A file that cannot be read throws OSError; a truncated,
  /// corrupt or wrong-version one throws ValueError naming the file and what is wrong with it.
  static Snapshot load(const std::filesystem::path& path);

 private:
  struct Group;
  std::vector<Group> group_by(std::string_view key_type, bool cumulative) const;

  Traces traces_;
  int traceback_limit_;
};

/// What get_traced_memory() returns: `auto [current, peak] = get_traced_memory();`
struct TracedMemory {
  std::size_t current = 0;
  std::size_t peak = 0;
};

/// Starts tracing, keeping up to `nframe` frames per trace (1..65535, else ValueError).
void start(int nframe = 1);
/// Stops tracing and forgets every trace.
void stop();
bool is_tracing() noexcept;
/// Bytes in traced blocks now, and the most there have been since start() or reset_peak().
TracedMemory get_traced_memory() noexcept;
void reset_peak() noexcept;
/// Forgets every trace (and the memory counted) without stopping.
void clear_traces() noexcept;
/// Frames kept per trace: nframe of start(), 1 before the first start().
int get_traceback_limit() noexcept;
/// Bytes the tracer itself uses for its tables.
std::size_t get_tracemalloc_memory() noexcept;
/// The traces now. Throws RuntimeError when not tracing, as CPython does.
Snapshot take_snapshot();
/// Where `obj` was allocated, or nullopt if it was not traced (or tracing is off).
std::optional<Traceback> get_object_traceback(const Object& obj);
template <class T>
std::optional<Traceback> get_object_traceback(const Ref<T>& obj) {
  return get_object_traceback(static_cast<const Object&>(*obj));
}

/// CPython's _format_size: "10239 B", "10.0 KiB", "100 KiB", with "+"/"-" when `sign`.
std::string format_size(double size, bool sign);

/// A block of memory outside the engine's heap, traced in `domain` (CPython's
/// PyTraceMalloc_Track): the caller's frames become its traceback. Returns false when not tracing.
bool track(unsigned domain, const void* block, std::size_t size);
/// Stops tracing a block given to track().
void untrack(unsigned domain, const void* block) noexcept;

}  // namespace gclab::tracemalloc

namespace gclab::detail {
template <class T>
concept TracemallocPrintable =
    std::is_same_v<T, tracemalloc::Frame> || std::is_same_v<T, tracemalloc::Traceback> ||
    std::is_same_v<T, tracemalloc::Trace> || std::is_same_v<T, tracemalloc::Statistic> ||
    std::is_same_v<T, tracemalloc::StatisticDiff>;
}  // namespace gclab::detail

/// `{}` of a Frame, Traceback, Trace, Statistic or StatisticDiff prints its str().
template <gclab::detail::TracemallocPrintable T>
struct fmt::formatter<T> : fmt::formatter<std::string_view> {
  auto format(const T& value, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(value.str(), ctx);
  }
};
