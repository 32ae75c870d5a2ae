#include "course/course.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <regex>
#include <set>

#include "batch/read_file.hpp"
#include "rubric/load.hpp"
#include "runner/git.hpp"
#include "text/source_essence.hpp"

namespace gclab::grader {

namespace fs = std::filesystem;

namespace {

/// The source tree, not a build directory (which has exercises/ and grader/ folders too).
bool is_course_root(const fs::path& dir) {
  return fs::is_regular_file(dir / "CMakeLists.txt") && fs::is_directory(dir / "exercises") &&
         fs::is_regular_file(dir / "grader" / "CMakeLists.txt");
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

Course Course::locate(const std::optional<fs::path>& root, const std::optional<fs::path>& build_dir) {
  fs::path found;
  if (root) {
    found = fs::absolute(*root);
  } else {
    for (fs::path dir = fs::current_path(); !dir.empty(); dir = dir.parent_path()) {
      if (is_course_root(dir)) {
        found = dir;
        break;
      }
      if (dir == dir.parent_path()) break;
    }
    if (found.empty()) found = GCLAB_SOURCE_DIR;
  }
  found = found.lexically_normal();
  const fs::path build = build_dir ? fs::absolute(*build_dir).lexically_normal() : found / "build" / "dev";
  return Course(found, build);
}

bool Course::configured() const { return fs::is_regular_file(build_dir_ / "CMakeCache.txt"); }

bool Course::sanitized() const {
  std::ifstream cache(build_dir_ / "CMakeCache.txt");
  for (std::string line; std::getline(cache, line);)
    if (line.starts_with("GCLAB_SANITIZE:") && line.ends_with("=ON")) return true;
  return false;
}

bool Course::full() const { return fs::is_directory(root_ / "solutions"); }

std::vector<std::string> Course::exercises() const {
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(root_ / "exercises", ec)) {
    if (!entry.is_directory()) continue;
    if (fs::exists(entry.path() / "rubric.yaml") || fs::exists(entry.path() / "exercise.cpp"))
      names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> Course::resolve(const std::string& typed) const {
  const std::vector<std::string> names = exercises();
  if (std::find(names.begin(), names.end(), typed) != names.end()) return typed;
  // A section number as the notebook writes it ("2.1", "4", "04") names that section exactly,
  // not every section that starts with it (04.1, 04.2, ...).
  static const std::regex section_number(R"(0?([0-9])(\.[0-9]+)?)");
  if (std::smatch m; std::regex_match(typed, m, section_number)) {
    const std::string folder_prefix = "0" + m[1].str() + m[2].str() + "-";
    for (const std::string& name : names) {
      if (name.starts_with(folder_prefix)) return name;
    }
  }
  std::optional<std::string> match;
  for (const std::string& name : names) {
    if (!lower(name).starts_with(lower(typed))) continue;
    if (match) return std::nullopt;  // ambiguous
    match = name;
  }
  return match;
}

Subject Course::subject(const std::string& ex, Against against) const {
  const bool solution = against == Against::solution;
  const char* side = solution ? "solutions" : "exercises";
  return {ex, root_ / side / ex, target_name(against, ex), build_dir_ / side / "bin" / ex};
}

std::optional<std::string> Course::stub_text(const std::string& ex, const std::string& file) const {
  std::string commit = "HEAD";
  if (!full()) {
    const RunResult first = run_git({"-C", root_.string(), "rev-list", "--max-parents=0", "HEAD"});
    if (!first.succeeded() || first.out.size() < 40) return std::nullopt;
    commit = first.out.substr(0, first.out.find('\n'));
  }
  const RunResult stub = run_git({"-C", root_.string(), "show", commit + ":exercises/" + ex + "/" + file});
  if (!stub.succeeded()) return std::nullopt;
  return stub.out;
}

Attempt Course::attempt(const std::string& ex) const {
  for (const std::string& file : editable_files(exercise_dir(ex))) {
    const std::optional<std::string> stub = stub_text(ex, file);
    if (!stub) return Attempt::attempted;
    std::string text;
    try {
      text = batch::read_file(exercise_dir(ex) / file);
    } catch (const std::exception&) {
      return Attempt::attempted;
    }
    if (!same_as_stub(file, text, *stub)) return Attempt::attempted;
  }
  return Attempt::not_attempted;
}

Rubric Course::rubric(const std::string& ex, bool hidden) const {
  LoadOptions visible_options;
  visible_options.expected_exercise = ex;
  Rubric rubric = load_rubric(visible_rubric(ex), visible_options);
  if (hidden && fs::exists(hidden_rubric(ex))) {
    LoadOptions hidden_options;
    hidden_options.role = RubricRole::hidden;
    hidden_options.expected_exercise = ex;
    for (const Check& c : rubric.checks) hidden_options.earlier_ids.push_back(c.id);
    Rubric extra = load_rubric(hidden_rubric(ex), hidden_options);
    for (Check& c : extra.checks) rubric.checks.push_back(std::move(c));
  }
  return rubric;
}

std::vector<std::string> editable_files(const fs::path& course_exercise_dir) {
  static const std::set<std::string> kinds = {".cpp", ".hpp", ".h", ".yaml"};
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(course_exercise_dir))
    if (entry.is_regular_file() && kinds.count(entry.path().extension().string()) != 0 && entry.path().filename() != "rubric.yaml")
      files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string target_name(Against against, const std::string& ex) {
  std::string name = (against == Against::solution ? "solution-" : "exercise-") + ex;
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

}  // namespace gclab::grader
