#include "release/release.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <variant>

#include "checks/context.hpp"
#include "checks/kinds.hpp"
#include "release/recorded_rubric.hpp"
#include "rubric/load.hpp"
#include "runner/git.hpp"
#include "text/lines.hpp"

namespace gclab::grader::release {

namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ReleaseError(fmt::format("cannot read {}", file.string()));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_text(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) throw ReleaseError(fmt::format("cannot write {}", file.string()));
}

/// git in `dir`, its output; ReleaseError if it fails.
std::string git(const fs::path& dir, std::vector<std::string> args) {
  args.insert(args.begin(), {"-C", dir.string()});
  try {
    return grader::git(args);
  } catch (const std::runtime_error& e) {
    throw ReleaseError(e.what());
  }
}

/// The course's files as its git repository sees them: tracked, and new ones not ignored (so that
/// build folders and editor litter never travel).
std::vector<std::string> course_files(const fs::path& root) {
  if (!fs::exists(root / ".git")) throw ReleaseError(fmt::format("{} is not a git checkout of the full course", root.string()));
  const std::string listing = git(root, {"ls-files", "-z", "--cached", "--others", "--exclude-standard"});
  std::set<std::string> files;
  for (std::size_t at = 0; at < listing.size();) {
    const std::size_t end = listing.find('\0', at);
    std::string path = listing.substr(at, end - at);
    at = end == std::string::npos ? listing.size() : end + 1;
    if (!path.empty() && fs::is_regular_file(root / path)) files.insert(std::move(path));  // deleted: skip
  }
  return {files.begin(), files.end()};
}

bool starts_with_dir(const std::string& path, const std::string& dir) { return path.starts_with(dir + "/"); }

/// Markdown table rows that link to an exercise left out of the release go with it.
std::string without_rows_of(std::string text, const std::vector<std::string>& left_out) {
  if (left_out.empty()) return text;
  std::string kept;
  for (const std::string& line : split_lines(text)) {
    const bool row_of_left_out = line.starts_with("|") && std::any_of(left_out.begin(), left_out.end(), [&](const std::string& ex) {
      return line.find("](" + ex + "/") != std::string::npos || line.find("/" + ex + "/") != std::string::npos;
    });
    if (!row_of_left_out) kept += line + '\n';
  }
  return kept;
}

/// The exercises' table of the student README: folder, title, points of the visible checks.
std::string exercise_table(const Course& course, const std::vector<std::string>& exercises, ReadmeLang lang) {
  std::string table = "| 연습 / Exercise | 제목 / Title | 점수 / Points |\n|---|---|---|\n";
  if (lang == ReadmeLang::ko) table = "| 연습 | 제목 | 점수 |\n|---|---|---|\n";
  if (lang == ReadmeLang::en) table = "| Exercise | Title | Points |\n|---|---|---|\n";
  for (const std::string& ex : exercises) {
    const Rubric rubric = course.rubric(ex, false);
    int points = 0;
    for (const Check& c : rubric.checks) points += c.points;
    const std::string title = lang == ReadmeLang::ko   ? rubric.title.ko
                              : lang == ReadmeLang::en ? rubric.title.en
                                                       : rubric.title.ko + " · " + rubric.title.en;
    table += fmt::format("| [`{0}`](exercises/{0}/) | {1} | {2} |\n", ex, title, points);
  }
  return table;
}

std::string default_title(ReadmeLang lang) {
  if (lang == ReadmeLang::ko) return "gclab — Python의 메모리 관리";
  if (lang == ReadmeLang::en) return "gclab — Python's memory management";
  return "gclab — Python의 메모리 관리 · Python's memory management";
}

/// What the student README promises, measured: from `git clone` of a released course to the first
/// `gclab check` result, the packages installed, on a 2-core machine (tests/grader/release/).
constexpr const char* kSetupMinutes = "4";

std::string replaced(std::string text, const std::string& placeholder, const std::string& value) {
  for (std::size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at + value.size()))
    text.replace(at, placeholder.size(), value);
  return text;
}

void make_executable(const fs::path& file) {
  fs::permissions(file, fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec, fs::perm_options::add);
}

/// The exercise's visible rubric, its checks pointed at the recorded outputs, which are written
/// beside it. Returns how many outputs were recorded.
std::size_t release_rubric(const Course& course, Builder& builder, const std::string& ex, const fs::path& out, Lang lang) {
  const Rubric rubric = course.rubric(ex, false);
  const fs::path dir = out / "exercises" / ex;
  std::size_t recorded = 0;
  // One environment: the exercise's checks share its reference runs.
  CheckEnv env = env_for(builder, course, ex, Against::solution, lang);
  for (const Check* check : checks_compared_with_solution(rubric)) {
    auto output = recorded_solution_output(env, *check);
    if (auto* failure = std::get_if<CheckResult>(&output))
      throw ReleaseError(fmt::format("{}: the reference output of check '{}' could not be recorded: {}", ex, check->id, failure->explanation));
    write_text(dir / recorded_output_path(check->id), std::get<std::string>(output));
    ++recorded;
  }
  write_text(dir / "rubric.yaml", with_recorded_outputs(read_text(rubric.file), rubric));
  // The student course's gclab must accept what was written: load it as it will.
  LoadOptions options;
  options.expected_exercise = ex;
  load_rubric(dir / "rubric.yaml", options);
  return recorded;
}

}  // namespace

fs::path templates_dir(const Course& course) { return course.root() / "grader" / "release"; }

bool copied_to_student_course(const std::string& path, const std::vector<std::string>& exercises) {
  if (path == "CMakeLists.txt" || path == "CMakePresets.json" || path == ".gitignore" || path == "scripts/install-deps") return true;
  if (starts_with_dir(path, "cmake") || starts_with_dir(path, "engine")) return true;
  if (starts_with_dir(path, "grader"))
    return !starts_with_dir(path, "grader/hidden") && !starts_with_dir(path, "grader/problems/tests") &&
           !starts_with_dir(path, "grader/release");
  if (path == "exercises/CMakeLists.txt" || path == "exercises/README.md") return true;
  for (const std::string& ex : exercises)
    if (starts_with_dir(path, "exercises/" + ex)) return !path.ends_with("/rubric.yaml");
  // The notebook's cells and CPython's own output of each, which the exercises' READMEs compare with.
  return starts_with_dir(path, "tests/notebook/cpython");
}

Summary write_student_course(const Course& course, Builder& builder, const Options& options, Lang lang) {
  if (!fs::is_directory(course.root() / "solutions") || !fs::is_directory(templates_dir(course)))
    throw ReleaseError(fmt::format("{} is not the full course (no solutions/ or grader/release/): "
                                   "release from the instructors' repository", course.root().string()));
  if (fs::exists(options.out) && !(fs::is_directory(options.out) && fs::is_empty(options.out)))
    throw ReleaseError(fmt::format("{} is not empty: give a new folder", options.out.string()));

  Summary summary;
  const std::vector<std::string> all = course.exercises();
  summary.exercises = options.exercises.empty() ? all : options.exercises;
  std::vector<std::string> left_out;
  for (const std::string& ex : all)
    if (std::find(summary.exercises.begin(), summary.exercises.end(), ex) == summary.exercises.end()) left_out.push_back(ex);

  fs::create_directories(options.out);
  for (const std::string& path : course_files(course.root())) {
    if (!copied_to_student_course(path, summary.exercises)) continue;
    const fs::path from = course.root() / path;
    const fs::path to = options.out / path;
    if (path.ends_with(".md")) {
      write_text(to, without_rows_of(student_markdown(read_text(from), path), left_out));
    } else {
      fs::create_directories(to.parent_path());
      fs::copy_file(from, to, fs::copy_options::overwrite_existing);  // modes too: scripts stay executable
    }
  }
  for (const std::string& ex : summary.exercises) summary.recorded_outputs += release_rubric(course, builder, ex, options.out, lang);

  const fs::path templates = templates_dir(course);
  std::string readme = select_languages(read_text(templates / "README.student.md"), options.readme_lang, "README.student.md");
  readme = student_markdown(readme, "README.student.md");
  const std::string title = options.title.empty() ? default_title(options.readme_lang) : options.title;
  readme = replaced(readme, "@TITLE@", title);
  readme = replaced(readme, "@SETUP_MINUTES@", kSetupMinutes);
  readme = replaced(readme, "@EXERCISES@", exercise_table(course, summary.exercises, options.readme_lang));
  write_text(options.out / "README.md", readme);
  write_text(options.out / "scripts" / "setup", read_text(templates / "setup.student"));
  make_executable(options.out / "scripts" / "setup");
  if (options.classroom)
    write_text(options.out / ".github" / "workflows" / "classroom.yml", read_text(templates / "classroom.yml"));

  for (auto it = fs::recursive_directory_iterator(options.out); it != fs::recursive_directory_iterator(); ++it)
    if (it->is_regular_file()) ++summary.files;

  const std::string source_commit = git(course.root(), {"rev-parse", "--short", "HEAD"});
  git(options.out, {"init", "-q", "-b", "main"});
  git(options.out, {"add", "-A"});
  git(options.out, {"-c", "user.name=gclab release", "-c", "user.email=gclab-release@localhost", "commit", "-q", "-m",
                    fmt::format("{}: the student course\n\nWritten by `gclab release` from the full course at {}.",
                                title, source_commit)});
  summary.commit = git(options.out, {"rev-parse", "HEAD"});
  return summary;
}

}  // namespace gclab::grader::release
