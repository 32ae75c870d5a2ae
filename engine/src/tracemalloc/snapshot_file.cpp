// Snapshot::dump() and Snapshot::load(): gclab's snapshot file, version 1 (engine/README.md
// documents it). Little-endian throughout:
//
//   magic     8 bytes  "GCLABTM\n"
//   version   u32      1
//   limit     i32      the snapshot's traceback_limit
//   files     u32 n, then n × (u32 length, bytes)              file names, each stored once
//   tracebacks u32 n, then n × (u32 frames, i32 total_nframe or -1,
//                               frames × (u32 file index, i32 lineno))   oldest frame first
//   traces    u64 n, then n × (u32 domain, u64 size, u32 traceback index)
//   checksum  u64      FNV-1a of every byte before it
//
// Loading checks every count against the bytes left and every index against its table, so a
// truncated or corrupt file is reported, never trusted.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <unordered_map>

#include "gclab/errors.hpp"
#include "gclab/tracemalloc.hpp"

namespace gclab::tracemalloc {

namespace {

constexpr char kMagic[8] = {'G', 'C', 'L', 'A', 'B', 'T', 'M', '\n'};
constexpr std::uint32_t kVersion = 1;

std::uint64_t fnv1a(const char* data, std::size_t size) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (std::size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 0x100000001b3ull;
  }
  return h;
}

class Writer {
 public:
  template <class T>
  void put(T value) {
    for (std::size_t i = 0; i < sizeof(T); ++i)
      bytes_.push_back(static_cast<char>((static_cast<std::uint64_t>(value) >> (8 * i)) & 0xff));
  }
  void put_bytes(const char* data, std::size_t n) { bytes_.append(data, n); }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class Reader {
 public:
  Reader(const std::filesystem::path& path, std::string bytes)
      : path_(path.string()), bytes_(std::move(bytes)) {}

  template <class T>
  T get(const char* what) {
    need(sizeof(T), what);
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      v |= std::uint64_t{static_cast<unsigned char>(bytes_[pos_ + i])} << (8 * i);
    pos_ += sizeof(T);
    return static_cast<T>(v);
  }
  std::string get_bytes(std::size_t n, const char* what) {
    need(n, what);
    std::string s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  /// A count of records of at least `record_size` bytes each: more than the file can hold means
  /// the count itself is damaged.
  std::size_t get_count(std::size_t record_size, const char* what) {
    const auto n = get<std::uint64_t>(what);
    if (record_size != 0 && n > remaining() / record_size)
      fail(fmt::format("is corrupt: {} says {} records, but only {} bytes follow", what, n, remaining()));
    return static_cast<std::size_t>(n);
  }
  std::size_t get_count32(std::size_t record_size, const char* what) {
    const auto n = get<std::uint32_t>(what);
    if (record_size != 0 && n > remaining() / record_size)
      fail(fmt::format("is corrupt: {} says {} records, but only {} bytes follow", what, n, remaining()));
    return n;
  }
  std::size_t remaining() const { return bytes_.size() - pos_; }
  std::size_t pos() const { return pos_; }
  const std::string& bytes() const { return bytes_; }
  [[noreturn]] void fail(const std::string& what) const {
    throw ValueError(fmt::format("snapshot file '{}' {}", path_, what));
  }

 private:
  void need(std::size_t n, const char* what) const {
    if (remaining() < n)
      fail(fmt::format("is truncated: {} needs {} bytes at offset {}, but the file ends at {}", what,
                       n, pos_, bytes_.size()));
  }
  std::string path_;
  std::string bytes_;
  std::size_t pos_ = 0;
};

}  // namespace

void Snapshot::dump(const std::filesystem::path& path) const {
  Writer w;
  w.put_bytes(kMagic, sizeof kMagic);
  w.put<std::uint32_t>(kVersion);
  w.put<std::int32_t>(traceback_limit_);

  std::map<std::string, std::uint32_t> file_index;
  std::vector<const std::string*> files;
  std::unordered_map<const void*, std::uint32_t> traceback_index;
  std::vector<const Traceback*> tracebacks;
  for (const Trace& t : traces_) {
    if (traceback_index.try_emplace(t.traceback.data_.get(), tracebacks.size()).second)
      tracebacks.push_back(&t.traceback);
    for (const Frame& f : t.traceback) {
      auto [it, inserted] = file_index.try_emplace(f.filename, files.size());
      if (inserted) files.push_back(&it->first);
    }
  }
  w.put<std::uint32_t>(static_cast<std::uint32_t>(files.size()));
  for (const std::string* f : files) {
    w.put<std::uint32_t>(static_cast<std::uint32_t>(f->size()));
    w.put_bytes(f->data(), f->size());
  }
  w.put<std::uint32_t>(static_cast<std::uint32_t>(tracebacks.size()));
  for (const Traceback* tb : tracebacks) {
    w.put<std::uint32_t>(static_cast<std::uint32_t>(tb->size()));
    w.put<std::int32_t>(tb->total_nframe().value_or(-1));
    for (const Frame& f : *tb) {
      w.put<std::uint32_t>(file_index.at(f.filename));
      w.put<std::int32_t>(f.lineno);
    }
  }
  w.put<std::uint64_t>(traces_.size());
  for (const Trace& t : traces_) {
    w.put<std::uint32_t>(t.domain);
    w.put<std::uint64_t>(t.size);
    w.put<std::uint32_t>(traceback_index.at(t.traceback.data_.get()));
  }
  w.put<std::uint64_t>(fnv1a(w.bytes().data(), w.bytes().size()));

  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out.write(w.bytes().data(), static_cast<std::streamsize>(w.bytes().size()));
  if (!out) throw OSError(fmt::format("cannot write snapshot file '{}': {}", path.string(), std::strerror(errno)));
}

Snapshot Snapshot::load(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw OSError(fmt::format("cannot open snapshot file '{}': {}", path.string(), std::strerror(EISDIR)));
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw OSError(fmt::format("cannot open snapshot file '{}': {}", path.string(), std::strerror(errno)));
  const std::streamoff length = in.tellg();
  if (length < 0) throw OSError(fmt::format("cannot read snapshot file '{}'", path.string()));
  std::string bytes(static_cast<std::size_t>(length), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw OSError(fmt::format("cannot read snapshot file '{}': {}", path.string(), std::strerror(errno)));
  const std::string name = path.string();
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
    throw ValueError(fmt::format(
        "snapshot file '{}' is not a gclab tracemalloc snapshot (it does not start with \"GCLABTM\")", name));
  Reader r(path, std::move(bytes));
  r.get_bytes(sizeof kMagic, "the magic number");
  if (const auto version = r.get<std::uint32_t>("the version"); version != kVersion)
    r.fail(fmt::format("has format version {}; this build reads version {}", version, kVersion));
  // The checksum covers everything else: check it before believing any count.
  if (r.remaining() < sizeof(std::uint64_t))
    r.fail(fmt::format("is truncated: it ends at byte {}, before its tables", r.bytes().size()));
  const std::size_t body = r.bytes().size() - sizeof(std::uint64_t);
  std::uint64_t stored = 0;
  for (std::size_t i = 0; i < sizeof stored; ++i)
    stored |= std::uint64_t{static_cast<unsigned char>(r.bytes()[body + i])} << (8 * i);
  if (stored != fnv1a(r.bytes().data(), body))
    r.fail("is corrupt or truncated: its checksum does not match its contents");
  const auto limit = r.get<std::int32_t>("the traceback limit");

  std::vector<std::string> files(r.get_count32(4, "the file table"));
  for (std::string& f : files) f = r.get_bytes(r.get<std::uint32_t>("a file name's length"), "a file name");

  std::vector<Traceback> tracebacks(r.get_count32(8, "the traceback table"));
  for (Traceback& tb : tracebacks) {
    std::vector<Frame> frames(r.get_count32(8, "a traceback's frames"));
    const auto total = r.get<std::int32_t>("a traceback's total_nframe");
    for (Frame& f : frames) {
      const auto file = r.get<std::uint32_t>("a frame's file index");
      if (file >= files.size())
        r.fail(fmt::format("is corrupt: a frame names file #{} of {}", file, files.size()));
      f = {files[file], r.get<std::int32_t>("a frame's line number")};
    }
    std::reverse(frames.begin(), frames.end());  // stored oldest first
    tb = Traceback(std::move(frames), total < 0 ? std::nullopt : std::optional<int>(total));
  }

  std::vector<Trace> traces(r.get_count(16, "the trace table"));
  for (Trace& t : traces) {
    t.domain = r.get<std::uint32_t>("a trace's domain");
    t.size = r.get<std::uint64_t>("a trace's size");
    const auto tb = r.get<std::uint32_t>("a trace's traceback index");
    if (tb >= tracebacks.size())
      r.fail(fmt::format("is corrupt: a trace names traceback #{} of {}", tb, tracebacks.size()));
    t.traceback = tracebacks[tb];
  }
  if (r.remaining() != sizeof(std::uint64_t))
    r.fail(fmt::format("is corrupt: {} unexpected bytes after the traces", r.remaining() - sizeof(std::uint64_t)));
  return Snapshot(std::move(traces), limit);
}

}  // namespace gclab::tracemalloc
