// None, int, float and str: the atomic (non-GC) built-ins, and boxing of C++ scalars into them.
#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "gclab/builtins/float.hpp"
#include "gclab/builtins/int.hpp"
#include "gclab/builtins/none.hpp"
#include "gclab/builtins/str.hpp"

namespace gclab {

namespace {

// CPython 3.11 statically allocates None and the small ints with this count
// (_PyObject_IMMORTAL_INIT); they are still counted, so getrefcount shows it plus the real
// references.
constexpr std::ptrdiff_t kStaticRefcount = 999'999'999;

template <class T>
T* make_static(auto... args) {
  T* obj = make<T>(args...).release();
  detail::Runtime::refcnt(obj) = kStaticRefcount;
  return obj;
}

}  // namespace

Ref<NoneType> None() {
  static NoneType* const none = make_static<NoneType>();
  return Ref<NoneType>::borrow(none);
}

namespace {
// Made when the program starts, as CPython's are built into the interpreter: tracemalloc, started
// later, must not see them appear on first use.
[[maybe_unused]] const bool statics_made = (None(), Int::from(0), true);
}  // namespace

Ref<Int> Int::from(long long value) {
  static const auto small = [] {
    std::array<Int*, kSmallMax - kSmallMin + 1> ints{};
    for (long long v = kSmallMin; v <= kSmallMax; ++v) {
      ints[static_cast<std::size_t>(v - kSmallMin)] = make_static<Int>(v);
    }
    return ints;
  }();
  if (value >= kSmallMin && value <= kSmallMax) {
    return Ref<Int>::borrow(small[static_cast<std::size_t>(value - kSmallMin)]);
  }
  return make<Int>(value);
}

std::string Int::repr() const { return std::to_string(value_); }
std::size_t Int::hash() const { return std::hash<long long>{}(value_); }
bool Int::equals(const Object& other) const {
  const auto* i = detail::exact_cast<Int>(other);
  return i && i->value_ == value_;
}

std::string Float::repr() const {
  if (std::isnan(value_)) return "nan";
  if (std::isinf(value_)) return value_ > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", value_);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}
std::size_t Float::hash() const { return std::hash<double>{}(value_); }
bool Float::equals(const Object& other) const {
  const auto* f = detail::exact_cast<Float>(other);
  return f && f->value_ == value_;
}

namespace {

// Interned strings are not owned by the table (as CPython 3.11 does not count the interned
// dict's references): an interned string dies with its last reference and leaves the table.
std::unordered_map<std::string_view, Str*>& interned() {
  static auto* const table = new std::unordered_map<std::string_view, Str*>();
  return *table;
}

// CPython interns code constants made only of name characters (all_name_chars).
bool looks_like_name(std::string_view s) {
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '_') || u >= 0x80) return false;
  }
  return true;
}

}  // namespace

Str::~Str() {
  if (interned_) interned().erase(value_);
}

Ref<Str> Str::intern(std::string_view value) {
  auto& table = interned();
  if (auto it = table.find(value); it != table.end()) return Ref<Str>::borrow(it->second);
  auto s = make<Str>(std::string(value));
  s->interned_ = true;
  table.emplace(s->value_, s.get());
  return s;
}

std::string Str::repr() const {
  const bool has_single = value_.find('\'') != std::string::npos;
  const bool has_double = value_.find('"') != std::string::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char c : value_) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c == quote) out += '\\';
        out += c;
    }
  }
  out += quote;
  return out;
}
void Str::compute_hash() const {
  hash_ = std::hash<std::string_view>{}(value_);
  hashed_ = true;
}
bool Str::equals(const Object& other) const {
  const auto* s = detail::exact_cast<Str>(other);
  return s && s->value_ == value_;
}

namespace detail {

Object* box_int(long long value) { return Int::from(value).release(); }
Object* box_float(double value) { return make<Float>(value).release(); }
Object* box_str(std::string_view value, bool literal) {
  if (literal && looks_like_name(value)) return Str::intern(value).release();
  return make<Str>(std::string(value)).release();
}

}  // namespace detail

}  // namespace gclab
