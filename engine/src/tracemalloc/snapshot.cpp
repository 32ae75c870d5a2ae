// Snapshot: grouping traces into statistics, comparing two snapshots and filtering, as
// CPython 3.11's tracemalloc.py does, with the same keys, sort orders and error messages.
#include <fnmatch.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <unordered_map>

#include "gclab/errors.hpp"
#include "gclab/tracemalloc.hpp"

namespace gclab::tracemalloc {

namespace {

struct TracebackHash {
  std::size_t operator()(const Traceback& tb) const noexcept {
    std::size_t h = tb.size();
    for (const Frame& f : tb)
      h = (h * 1000003) ^ std::hash<std::string>{}(f.filename) ^ static_cast<std::size_t>(f.lineno);
    return h;
  }
};

// The key a frame stands for under "lineno" or "filename" grouping.
Traceback key_of_frame(const Frame& frame, std::string_view key_type) {
  if (key_type == "lineno") return Traceback({frame});
  return Traceback({Frame{frame.filename, 0}});
}

// Python's fnmatch on POSIX: '*' crosses '/', and a backslash is an ordinary character.
bool matches(const Filter& filter, const Frame& frame) {
  if (::fnmatch(filter.filename_pattern.c_str(), frame.filename.c_str(), FNM_NOESCAPE) != 0)
    return false;
  return !filter.lineno || frame.lineno == *filter.lineno;
}

bool keeps(const Filter& filter, const Trace& trace) {
  const Traceback& tb = trace.traceback;
  bool res;
  if (filter.all_frames) {
    const bool any = std::any_of(tb.begin(), tb.end(), [&](const Frame& f) { return matches(filter, f); });
    res = any ? filter.inclusive : !filter.inclusive;
  } else {
    // Only the most recent frame counts.
    res = !tb.empty() && matches(filter, tb[-1]) == filter.inclusive;
  }
  if (filter.domain) {
    if (filter.inclusive) return res && trace.domain == *filter.domain;
    return res || trace.domain != *filter.domain;
  }
  return res;
}

bool keeps(const DomainFilter& filter, const Trace& trace) {
  return (trace.domain == filter.domain) == filter.inclusive;
}

bool keeps(const AnyFilter& filter, const Trace& trace) {
  return std::visit([&](const auto& f) { return keeps(f, trace); }, filter);
}

template <class Stat>
void sort_largest_first(std::vector<Stat>& stats, auto sort_key) {
  std::sort(stats.begin(), stats.end(),
            [&](const Stat& a, const Stat& b) { return sort_key(a) > sort_key(b); });
}

}  // namespace

struct Snapshot::Group {
  Traceback key;
  std::int64_t size = 0;
  std::int64_t count = 0;
};

Snapshot::Snapshot(std::vector<Trace> traces, int traceback_limit)
    : traceback_limit_(traceback_limit) {
  traces_.traces_ = std::move(traces);
}

std::vector<Snapshot::Group> Snapshot::group_by(std::string_view key_type, bool cumulative) const {
  if (key_type != "traceback" && key_type != "filename" && key_type != "lineno")
    throw ValueError(fmt::format("unknown key_type: '{}'", key_type));
  if (cumulative && key_type == "traceback")
    throw ValueError(fmt::format("cumulative mode cannot by used with key type '{}'", key_type));

  std::vector<Group> groups;
  std::unordered_map<Traceback, std::size_t, TracebackHash> group_of_key;
  auto add = [&](const Traceback& key, std::size_t size) {
    auto [it, inserted] = group_of_key.try_emplace(key, groups.size());
    if (inserted) groups.push_back({key, 0, 0});
    Group& g = groups[it->second];
    g.size += static_cast<std::int64_t>(size);
    g.count += 1;
  };
  // Traces from one captured stack share their traceback: work out its key(s) once.
  std::unordered_map<const void*, std::vector<Traceback>> keys_of_traceback;
  for (const Trace& trace : traces_) {
    const Traceback& tb = trace.traceback;
    auto [it, inserted] = keys_of_traceback.try_emplace(tb.data_.get());
    std::vector<Traceback>& keys = it->second;
    if (inserted) {
      if (key_type == "traceback") {
        // The key is Traceback(frames): the frames alone, without total_nframe.
        keys.push_back(Traceback(std::vector<Frame>(std::make_reverse_iterator(tb.end()),
                                                    std::make_reverse_iterator(tb.begin()))));
      } else if (cumulative) {
        for (const Frame& f : tb) keys.push_back(key_of_frame(f, key_type));
      } else if (!tb.empty()) {
        keys.push_back(key_of_frame(tb[-1], key_type));
      } else {
        keys.push_back(Traceback());
      }
    }
    for (const Traceback& key : keys) add(key, trace.size);
  }
  return groups;
}

std::vector<Statistic> Snapshot::statistics(std::string_view key_type, bool cumulative) const {
  std::vector<Statistic> stats;
  for (Group& g : group_by(key_type, cumulative)) stats.push_back({std::move(g.key), g.size, g.count});
  sort_largest_first(stats, [](const Statistic& s) { return std::tie(s.size, s.count, s.traceback); });
  return stats;
}

std::vector<StatisticDiff> Snapshot::compare_to(const Snapshot& old, std::string_view key_type,
                                                bool cumulative) const {
  std::vector<Group> now = group_by(key_type, cumulative);
  std::unordered_map<Traceback, Group, TracebackHash> before;
  for (Group& g : old.group_by(key_type, cumulative)) before.emplace(g.key, std::move(g));

  std::vector<StatisticDiff> diffs;
  for (Group& g : now) {
    StatisticDiff d{g.key, g.size, g.size, g.count, g.count};
    if (auto it = before.find(g.key); it != before.end()) {
      d.size_diff -= it->second.size;
      d.count_diff -= it->second.count;
      before.erase(it);
    }
    diffs.push_back(std::move(d));
  }
  for (auto& [key, g] : before) diffs.push_back({key, 0, -g.size, 0, -g.count});

  sort_largest_first(diffs, [](const StatisticDiff& d) {
    return std::tuple<std::int64_t, std::int64_t, std::int64_t, std::int64_t, const Traceback&>(
        std::abs(d.size_diff), d.size, std::abs(d.count_diff), d.count, d.traceback);
  });
  return diffs;
}

Snapshot Snapshot::filter_traces(const std::vector<AnyFilter>& filters) const {
  std::vector<const AnyFilter*> include, exclude;
  for (const AnyFilter& f : filters) {
    const bool inclusive = std::visit([](const auto& x) { return x.inclusive; }, f);
    (inclusive ? include : exclude).push_back(&f);
  }
  std::vector<Trace> kept;
  for (const Trace& trace : traces_) {
    if (!include.empty() &&
        std::none_of(include.begin(), include.end(), [&](const AnyFilter* f) { return keeps(*f, trace); }))
      continue;
    if (std::any_of(exclude.begin(), exclude.end(), [&](const AnyFilter* f) { return !keeps(*f, trace); }))
      continue;
    kept.push_back(trace);
  }
  return Snapshot(std::move(kept), traceback_limit_);
}

}  // namespace gclab::tracemalloc
