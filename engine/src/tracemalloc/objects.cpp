// tracemalloc's value types and how they print: CPython 3.11's str() and repr() exactly.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>

#include "gclab/errors.hpp"
#include "gclab/tracemalloc.hpp"
#include "tracemalloc/linecache.hpp"

namespace gclab::tracemalloc {

namespace {

// Python's repr() of a str, for the file names inside repr(Frame).
std::string quoted(const std::string& s) {
  const char quote = s.find('\'') != std::string::npos && s.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (char c : s) {
    if (c == quote || c == '\\') out += '\\';
    out += c;
  }
  out += quote;
  return out;
}

std::string strip(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n\f\v");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n\f\v");
  return s.substr(first, last - first + 1);
}

const std::vector<Frame> kNoFrames;

}  // namespace

// "%.1f", "%+.0f": printf rounds exactly as Python's %-formatting does (half to even).
std::string format_size(double size, bool sign) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  constexpr std::size_t kLast = std::size(kUnits) - 1;
  std::size_t unit = 0;
  const char* format = sign ? "%+.0f %s" : "%.0f %s";
  for (;; ++unit, size /= 1024) {
    if (std::fabs(size) < 100 && unit != 0) {
      format = sign ? "%+.1f %s" : "%.1f %s";
      break;
    }
    if (std::fabs(size) < 10 * 1024 || unit == kLast) break;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, format, size, kUnits[unit]);
  return buf;
}

std::string Frame::str() const { return fmt::format("{}:{}", filename, lineno); }
std::string Frame::repr() const {
  return fmt::format("<Frame filename={} lineno={}>", quoted(filename), lineno);
}

Traceback::Traceback(std::vector<Frame> most_recent_first, std::optional<int> total_nframe) {
  std::reverse(most_recent_first.begin(), most_recent_first.end());
  data_ = std::make_shared<const Data>(Data{std::move(most_recent_first), total_nframe});
}

const std::vector<Frame>& Traceback::frames() const noexcept {
  return data_ ? data_->frames : kNoFrames;
}

const Frame& Traceback::operator[](std::ptrdiff_t index) const {
  const auto n = static_cast<std::ptrdiff_t>(size());
  const std::ptrdiff_t i = index < 0 ? index + n : index;
  if (i < 0 || i >= n) throw IndexError("tuple index out of range");
  return frames()[static_cast<std::size_t>(i)];
}

bool Traceback::contains(const Frame& frame) const {
  return std::find(begin(), end(), frame) != end();
}

std::vector<std::string> Traceback::format(std::optional<int> limit, bool most_recent_first) const {
  const std::vector<Frame>& all = frames();
  auto first = all.begin(), last = all.end();
  if (limit) {
    // Python's self[-limit:] for limit > 0, else self[:limit] (empty for 0), slices clamped.
    const auto n = static_cast<std::ptrdiff_t>(all.size());
    const std::ptrdiff_t k = std::min<std::ptrdiff_t>(std::abs(*limit), n);
    if (*limit > 0) first = last - k;
    else last = *limit == 0 ? first : first + (n - k);
  }
  std::vector<const Frame*> chosen;
  for (auto it = first; it != last; ++it) chosen.push_back(&*it);
  if (most_recent_first) std::reverse(chosen.begin(), chosen.end());
  std::vector<std::string> lines;
  for (const Frame* f : chosen) {
    lines.push_back(fmt::format("  File \"{}\", line {}", f->filename, f->lineno));
    std::string line = strip(detail::tracer::getline(f->filename, f->lineno));
    if (!line.empty()) lines.push_back("    " + line);
  }
  return lines;
}

std::string Traceback::str() const { return (*this)[0].str(); }

std::string Traceback::repr() const {
  std::string s = "<Traceback (";
  for (const Frame& f : frames()) s += f.repr() + ", ";
  if (size() == 1) s.pop_back();  // a one-tuple prints as "(x,)"
  else if (size() > 1) s.resize(s.size() - 2);
  s += ")";
  if (auto total = total_nframe()) s += fmt::format(" total_nframe={}", *total);
  return s + ">";
}

bool Trace::operator==(const Trace& other) const {
  // CPython compares raw trace tuples: total_nframe counts here, not in Traceback's ==.
  return domain == other.domain && size == other.size && traceback == other.traceback &&
         traceback.total_nframe() == other.traceback.total_nframe();
}

std::string Trace::str() const {
  return fmt::format("{}: {}", traceback.str(), format_size(static_cast<double>(size), false));
}
std::string Trace::repr() const {
  return fmt::format("<Trace domain={} size={}, traceback={}>", domain,
                     format_size(static_cast<double>(size), false), traceback.repr());
}

std::string Traces::repr() const { return fmt::format("<Traces len={}>", traces_.size()); }

std::string Statistic::str() const {
  std::string text = fmt::format("{}: size={}, count={}", traceback.str(),
                                 format_size(static_cast<double>(size), false), count);
  if (count != 0)
    text += ", average=" + format_size(static_cast<double>(size) / static_cast<double>(count), false);
  return text;
}
std::string Statistic::repr() const {
  return fmt::format("<Statistic traceback={} size={} count={}>", traceback.repr(), size, count);
}

std::string StatisticDiff::str() const {
  std::string text = fmt::format("{}: size={} ({}), count={} ({:+})", traceback.str(),
                                 format_size(static_cast<double>(size), false),
                                 format_size(static_cast<double>(size_diff), true), count,
                                 count_diff);
  if (count != 0)
    text += ", average=" + format_size(static_cast<double>(size) / static_cast<double>(count), false);
  return text;
}
std::string StatisticDiff::repr() const {
  return fmt::format("<StatisticDiff traceback={} size={} ({:+}) count={} ({:+})>",
                     traceback.repr(), size, size_diff, count, count_diff);
}

}  // namespace gclab::tracemalloc
