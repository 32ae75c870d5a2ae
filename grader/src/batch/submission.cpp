#include "batch/submission.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "batch/hash.hpp"
#include "batch/read_file.hpp"
#include "course/course.hpp"
#include "runner/git.hpp"
#include "runner/sandbox.hpp"
#include "text/source_essence.hpp"

namespace gclab::grader::batch {

namespace fs = std::filesystem;

namespace {

bool is_zip(const fs::path& p) { return fs::is_regular_file(p) && p.extension() == ".zip"; }

/// `repo@commit`: the part before the last '@' is a local repository or a URL.
std::optional<std::pair<std::string, std::string>> git_source(const std::string& what) {
  const auto at = what.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == what.size()) return std::nullopt;
  const std::string repo = what.substr(0, at);
  if (repo.find("://") != std::string::npos || fs::is_directory(fs::path(repo) / ".git") ||
      fs::is_regular_file(fs::path(repo) / "HEAD"))
    return std::pair{repo, what.substr(at + 1)};
  return std::nullopt;
}

/// A folder is one submission when it holds exercises/ or any of the course's exercise folders.
bool is_one_submission(const fs::path& dir, const std::vector<std::string>& exercises) {
  if (fs::is_directory(dir / "exercises")) return true;
  return std::any_of(exercises.begin(), exercises.end(), [&](const std::string& ex) { return fs::is_directory(dir / ex); });
}

std::string id_of(const std::string& origin) {
  if (auto git = git_source(origin)) return fs::path(git->first).filename().string() + "@" + git->second;
  fs::path p = fs::path(origin).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();
  return is_zip(p) ? p.stem().string() : p.filename().string();
}

std::vector<SubmissionSource> read_list(const fs::path& list) {
  std::ifstream in(list);
  if (!in) throw std::invalid_argument("cannot read the list " + list.string());
  std::vector<SubmissionSource> sources;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::istringstream words(line);
    std::vector<std::string> fields{std::istream_iterator<std::string>(words), std::istream_iterator<std::string>()};
    if (fields.empty() || fields[0][0] == '#') continue;
    if (fields.size() > 2)
      throw std::invalid_argument(fmt::format("{}:{}: expected `[id] source`, got {} words", list.string(), number, fields.size()));
    std::string origin = fields.back();
    // Relative sources are relative to the list, so a list travels with its folder.
    if (!git_source(origin) && fs::path(origin).is_relative()) origin = (list.parent_path() / origin).string();
    if (auto git = git_source(origin); git && fs::path(git->first).is_relative())
      origin = (list.parent_path() / git->first).string() + "@" + git->second;
    sources.push_back({fields.size() == 2 ? fields[0] : id_of(origin), origin});
  }
  return sources;
}

/// Where each editable file is in a listing of relative paths: the entry ending in `<ex>/<file>`,
/// preferring one under an `exercises/` folder (a whole course tree also has solutions/), then the
/// shortest path.
std::map<std::string, std::string> locate(const std::vector<std::string>& entries, const fs::path& course_root,
                                          const std::vector<std::string>& exercises) {
  std::map<std::string, std::string> found;  // "<ex>/<file>" -> entry
  for (const std::string& ex : exercises) {
    for (const std::string& file : editable_files(course_root / "exercises" / ex)) {
      const std::string tail = ex + "/" + file;
      const std::string* best = nullptr;
      auto rank = [&](const std::string& e) {
        const bool under_exercises = e == "exercises/" + tail || e.ends_with("/exercises/" + tail);
        return std::pair{!under_exercises, e.size()};
      };
      for (const std::string& e : entries)
        if ((e == tail || e.ends_with("/" + tail)) && (best == nullptr || rank(e) < rank(*best))) best = &e;
      if (best != nullptr) found[tail] = *best;
    }
  }
  return found;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

/// The editable files of a zip, read without extracting anything else.
std::map<std::string, std::string> read_zip(const fs::path& zip_path, const fs::path& course_root,
                                            const std::vector<std::string>& exercises) {
  int error = 0;
  std::unique_ptr<zip_t, ZipCloser> archive(zip_open(zip_path.c_str(), ZIP_RDONLY, &error));
  if (!archive) {
    zip_error_t ze;
    zip_error_init_with_code(&ze, error);
    const std::string why = zip_error_strerror(&ze);
    zip_error_fini(&ze);
    throw std::runtime_error(fmt::format("cannot open {}: {}", zip_path.string(), why));
  }
  std::vector<std::string> entries;
  const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i)
    if (const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), 0)) entries.emplace_back(name);

  std::map<std::string, std::string> contents;
  for (const auto& [tail, entry] : locate(entries, course_root, exercises)) {
    zip_stat_t st;
    if (zip_stat(archive.get(), entry.c_str(), 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) continue;
    if (st.size > kMaxFileBytes)
      throw std::runtime_error(fmt::format("{}: {} is {} bytes, more than a source file can be", zip_path.string(), entry, st.size));
    zip_file_t* file = zip_fopen(archive.get(), entry.c_str(), 0);
    if (file == nullptr) throw std::runtime_error(fmt::format("{}: cannot read {}", zip_path.string(), entry));
    std::string bytes(static_cast<std::size_t>(st.size), '\0');
    const zip_int64_t got = zip_fread(file, bytes.data(), st.size);
    zip_fclose(file);
    if (got != static_cast<zip_int64_t>(st.size)) throw std::runtime_error(fmt::format("{}: {} is damaged", zip_path.string(), entry));
    contents[tail] = std::move(bytes);
  }
  return contents;
}

std::string read_source(const fs::path& p) {
  if (fs::file_size(p) > kMaxFileBytes)
    throw std::runtime_error(fmt::format("{} is {} bytes, more than a source file can be", p.string(), fs::file_size(p)));
  return read_file(p);
}

/// The editable files of a folder. Symbolic links are not followed: a link to the solutions or
/// /etc would otherwise be read with the grader's rights.
std::map<std::string, std::string> read_dir(const fs::path& dir, const fs::path& course_root,
                                            const std::vector<std::string>& exercises) {
  std::vector<std::string> entries;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename() == ".git") it.disable_recursion_pending();
    else if (it->is_regular_file() && !it->is_symlink()) entries.push_back(fs::relative(it->path(), dir).generic_string());
  }
  std::map<std::string, std::string> contents;
  for (const auto& [tail, entry] : locate(entries, course_root, exercises)) contents[tail] = read_source(dir / entry);
  return contents;
}

/// The commit's tree as a zip in `scratch` (a URL is cloned bare first); returns it and the full commit hash.
std::pair<fs::path, std::string> archive_commit(const std::string& repo, const std::string& commit, const fs::path& scratch) {
  std::string local = repo;
  if (repo.find("://") != std::string::npos) {
    local = (scratch / "clone.git").string();
    git({"clone", "--quiet", "--bare", repo, local});
  }
  const std::string full = git({"-C", local, "rev-parse", "--verify", "--quiet", commit + "^{commit}"});
  const fs::path zip = scratch / "commit.zip";
  git({"-C", local, "archive", "--format=zip", "-o", zip.string(), full});
  return {zip, full};
}

std::string safe_name(const std::string& id) {
  std::string name;
  for (char c : id) name += std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ? c : '_';
  return name.empty() || name[0] == '.' ? "_" + name : name;
}

}  // namespace

std::vector<SubmissionSource> find_submissions(const std::string& what, const std::vector<std::string>& exercises) {
  if (git_source(what) || is_zip(what)) return {{id_of(what), what}};
  const fs::path path(what);
  if (fs::is_regular_file(path)) return read_list(path);
  if (!fs::is_directory(path)) throw std::invalid_argument(fmt::format("{}: no such folder, zip, list or repo@commit", what));
  if (is_one_submission(path, exercises)) return {{id_of(what), what}};
  std::vector<SubmissionSource> sources;
  for (const auto& entry : fs::directory_iterator(path))
    if (entry.is_directory() || is_zip(entry.path())) sources.push_back({id_of(entry.path().string()), entry.path().string()});
  std::sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  if (sources.empty()) throw std::invalid_argument(fmt::format("{}: no submissions in this folder", what));
  return sources;
}

Submission stage(const SubmissionSource& source, const fs::path& course_root, const std::vector<std::string>& exercises,
                 const fs::path& scratch) {
  Submission sub{source.id, source.origin, scratch / safe_name(source.id), {}, {}, {}, {}};
  fs::remove_all(sub.root);
  fs::create_directories(sub.root);
  std::map<std::string, std::string> contents;
  if (auto git = git_source(source.origin)) {
    const auto [zip, full] = archive_commit(git->first, git->second, sub.root);
    sub.origin = git->first + "@" + full;
    contents = read_zip(zip, course_root, exercises);
  } else if (is_zip(source.origin)) {
    contents = read_zip(source.origin, course_root, exercises);
  } else if (fs::is_directory(source.origin)) {
    contents = read_dir(source.origin, course_root, exercises);
  } else {
    throw std::runtime_error(fmt::format("{}: no such folder, zip or repo@commit", source.origin));
  }

  Hasher all;
  for (const std::string& ex : exercises) {
    const fs::path stub_dir = course_root / "exercises" / ex;
    const fs::path dir = sub.root / "exercises" / ex;
    fs::create_directories(dir);
    Hasher hasher;
    hasher.add(ex);
    bool handed_in = false;
    bool as_stub = true;
    for (const std::string& file : editable_files(stub_dir)) {
      const std::string tail = ex + "/" + file;
      if (auto it = contents.find(tail); it != contents.end()) {
        std::ofstream(dir / file, std::ios::binary) << it->second;
        handed_in = true;
        as_stub = as_stub && same_as_stub(file, it->second, read_file(stub_dir / file));
      } else {
        fs::copy_file(stub_dir / file, dir / file, fs::copy_options::overwrite_existing);
        sub.missing.push_back(tail);
      }
      hasher.add(file).add_file(dir / file);
    }
    sub.attempts[ex] = !handed_in ? Attempt::missing : as_stub ? Attempt::not_attempted : Attempt::attempted;
    sub.exercise_hashes[ex] = hasher.hex();
    all.add(sub.exercise_hashes[ex]);
  }
  sub.content_hash = all.hex();
  return sub;
}

}  // namespace gclab::grader::batch
