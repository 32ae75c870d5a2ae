#include "rubric/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "rubric/yaml_reader.hpp"
#include "text/nearest.hpp"

namespace gclab::grader {

namespace {

constexpr int kVersion = 1;

const std::vector<std::string> kTopKeys = {"version", "exercise", "title", "hints", "checks"};
const std::vector<std::string> kCheckKeys = {"id",         "kind",   "points",     "depends_on", "timeout",
                                             "memory",     "visibility", "feedback", "with"};
const std::vector<std::string> kVisibilities = {"visible", "hidden", "after_due_date"};

/// The `with:` keys each core kind reads; the problem kinds' `with:` goes to gclab::problem_checks
/// as written, so it is not checked here (an empty key list means `with:` is not used).
const std::map<CheckKind, std::vector<std::string>> kWithKeys = {
    {CheckKind::compiles, {}},
    {CheckKind::output_matches, {"cells", "expected", "expected_file", "ignore_lines", "replace"}},
    {CheckKind::catch2, {"program", "target", "cases"}},
};

CheckKind parse_kind(const YamlReader& yaml, const YAML::Node& node) {
  const std::string name = yaml.string(node, "kind");
  const auto& names = kind_names();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    std::string message = fmt::format("unknown check kind '{}'", name);
    if (auto near = nearest_name(name, names)) message += fmt::format("; did you mean '{}'?", *near);
    else message += fmt::format(" (kinds: {})", fmt::join(names, ", "));
    yaml.fail(node, message);
  }
  return static_cast<CheckKind>(it - names.begin());
}

Visibility parse_visibility(const YamlReader& yaml, const YAML::Node& node) {
  const std::string name = yaml.string(node, "visibility");
  const auto it = std::find(kVisibilities.begin(), kVisibilities.end(), name);
  if (it == kVisibilities.end()) {
    std::string message = fmt::format("unknown visibility '{}'", name);
    if (auto near = nearest_name(name, kVisibilities)) message += fmt::format("; did you mean '{}'?", *near);
    else message += " (visible, hidden or after_due_date)";
    yaml.fail(node, message);
  }
  return static_cast<Visibility>(it - kVisibilities.begin());
}

void validate_output_matches(const YamlReader& yaml, const YAML::Node& with, const std::filesystem::path& dir,
                             const std::string& what) {
  if (with["cells"]) yaml.integers(with["cells"], "cells", 1, 1000);
  if (with["expected"] && with["expected_file"])
    yaml.fail(with["expected_file"], fmt::format("{} gives both 'expected' and 'expected_file'; give one", what));
  if (with["expected"] && yaml.string(with["expected"], "expected") != "solution")
    yaml.fail(with["expected"], "'expected' must be 'solution' (or use 'expected_file: <path>')");
  if (with["expected_file"]) {
    const std::string file = yaml.string(with["expected_file"], "expected_file");
    if (!std::filesystem::is_regular_file(dir / file))
      yaml.fail(with["expected_file"], fmt::format("expected_file '{}' does not exist (paths are relative to the rubric's folder)", file));
  }
  const auto regex = [&yaml](const YAML::Node& item, const std::string& key) {
    const std::string pattern = yaml.string(item, key);
    try {
      std::regex compiled(pattern);
    } catch (const std::regex_error& e) {
      yaml.fail(item, fmt::format("'{}' is not a valid regular expression: {}", pattern, e.what()));
    }
  };
  if (with["ignore_lines"]) {
    yaml.strings(with["ignore_lines"], "ignore_lines");
    for (const YAML::Node& item : with["ignore_lines"]) regex(item, "ignore_lines item");
  }
  if (with["replace"]) {
    if (!with["replace"].IsSequence()) yaml.fail(with["replace"], "'replace' must be a list of {pattern: ..., with: ...}");
    for (const YAML::Node& item : with["replace"]) {
      yaml.expect_map(item, "a replace item", {"pattern", "with"});
      regex(yaml.required(item, "pattern", "a replace item"), "pattern");
      yaml.string(yaml.required(item, "with", "a replace item"), "with");
    }
  }
}

void validate_catch2(const YamlReader& yaml, const YAML::Node& with, const std::string& what) {
  yaml.string(yaml.required(with, "program", what), "program");
  if (with["target"]) yaml.string(with["target"], "target");
  if (with["cases"]) yaml.strings(with["cases"], "cases");
}

void validate_with(const YamlReader& yaml, const Check& check, const YAML::Node& check_node) {
  const auto keys = kWithKeys.find(check.kind);
  if (keys == kWithKeys.end()) return;  // a problem kind: passed through
  const std::string what = fmt::format("'with' of check '{}'", check.id);
  if (!check.with.IsDefined() || check.with.IsNull()) {
    if (check.kind == CheckKind::catch2) yaml.fail(check_node, fmt::format("check '{}' (kind catch2) is missing the required key 'with' (with: {{program: ...}})", check.id));
    return;
  }
  if (keys->second.empty())
    yaml.fail(check.with, fmt::format("check '{}': kind {} takes no 'with'", check.id, kind_name(check.kind)));
  yaml.expect_map(check.with, what, keys->second);
  if (check.kind == CheckKind::output_matches) validate_output_matches(yaml, check.with, check.rubric_dir, what);
  if (check.kind == CheckKind::catch2) validate_catch2(yaml, check.with, what);
}

Check parse_check(const YamlReader& yaml, const YAML::Node& node, const LoadOptions& options,
                  const std::filesystem::path& dir, std::size_t index) {
  const std::string anonymous = fmt::format("check {}", index + 1);
  if (!node.IsMap()) yaml.fail(node, fmt::format("{} must be a map (id, kind, points, ...)", anonymous));
  // Messages name the check by its id when it has a usable one, by its position otherwise.
  const bool named = node["id"] && node["id"].IsScalar();
  yaml.expect_map(node, named ? fmt::format("check '{}'", node["id"].Scalar()) : anonymous, kCheckKeys);
  const YAML::Node id_node = yaml.required(node, "id", anonymous);
  Check check;
  check.id = yaml.string(id_node, "id");
  check.where = yaml.mark(id_node);
  const std::string what = fmt::format("check '{}'", check.id);
  check.kind = parse_kind(yaml, yaml.required(node, "kind", what));
  check.rubric_dir = dir;
  if (node["points"]) check.points = yaml.integer(node["points"], "points", 0, 1000);
  if (node["depends_on"]) check.depends_on = yaml.strings(node["depends_on"], "depends_on");
  if (node["timeout"]) check.timeout_seconds = yaml.integer(node["timeout"], "timeout", 1, 3600);
  if (node["memory"]) check.memory_mib = yaml.integer(node["memory"], "memory", 16, 65536);
  check.visibility = options.role == RubricRole::hidden ? Visibility::hidden : Visibility::visible;
  if (node["visibility"]) check.visibility = parse_visibility(yaml, node["visibility"]);
  if (options.role == RubricRole::exercise && check.visibility != Visibility::visible)
    yaml.fail(node["visibility"], fmt::format("{} is {}: hidden checks belong in grader/hidden/<exercise>.yaml, "
                                              "not in the students' tree", what, visibility_name(check.visibility)));
  if (node["feedback"]) check.feedback = yaml.localized(node["feedback"], "feedback");
  if (node["with"]) check.with = node["with"];
  validate_with(yaml, check, node);
  return check;
}

/// depends_on may name only checks that come earlier, so the order checks run in is the file's
/// and no cycle can exist.
void validate_dependencies(const YamlReader& yaml, const YAML::Node& checks_node, const std::vector<Check>& checks,
                           const std::vector<std::string>& earlier_ids) {
  std::vector<std::string> all_ids = earlier_ids;
  for (const Check& c : checks) all_ids.push_back(c.id);
  std::vector<std::string> before = earlier_ids;
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const YAML::Node deps = checks_node[i]["depends_on"];
    for (std::size_t d = 0; d < checks[i].depends_on.size(); ++d) {
      const std::string& dep = checks[i].depends_on[d];
      if (std::find(before.begin(), before.end(), dep) != before.end()) continue;
      std::string message;
      if (dep == checks[i].id) {
        message = fmt::format("check '{}' depends on itself", dep);
      } else if (std::find(all_ids.begin(), all_ids.end(), dep) != all_ids.end()) {
        message = fmt::format("check '{}' depends on '{}', which comes after it (a check may depend only on earlier checks)",
                              checks[i].id, dep);
      } else {
        message = fmt::format("check '{}' depends on '{}', which is not a check of this rubric", checks[i].id, dep);
        if (auto near = nearest_name(dep, before)) message += fmt::format("; did you mean '{}'?", *near);
      }
      yaml.fail(deps[d], message);
    }
    before.push_back(checks[i].id);
  }
}

}  // namespace

LoadOptions options_for_path(const std::filesystem::path& file) {
  LoadOptions options;
  const std::filesystem::path absolute = std::filesystem::absolute(file).lexically_normal();
  if (absolute.parent_path().filename() == "hidden") {
    options.role = RubricRole::hidden;
    options.expected_exercise = absolute.stem().string();
  } else if (absolute.filename() == "rubric.yaml") {
    options.expected_exercise = absolute.parent_path().filename().string();
  }
  return options;
}

Rubric load_rubric(const std::filesystem::path& file, const LoadOptions& options) {
  const YamlReader yaml(file.string());
  const YAML::Node root = yaml.parse();
  if (!root.IsMap())
    throw RubricError({file.string(), 1, 1}, "a rubric must be a YAML map with the keys version, exercise, title and checks");
  yaml.expect_map(root, "the rubric", kTopKeys);

  Rubric rubric;
  rubric.file = file;
  const YAML::Node version = yaml.required(root, "version", "the rubric");
  rubric.version = yaml.integer(version, "version", 0, 1000);
  if (rubric.version != kVersion)
    yaml.fail(version, fmt::format("unsupported rubric version {} (this grader reads version {})", rubric.version, kVersion));

  const YAML::Node exercise = yaml.required(root, "exercise", "the rubric");
  rubric.exercise = yaml.string(exercise, "exercise");
  if (options.expected_exercise && rubric.exercise != *options.expected_exercise)
    yaml.fail(exercise, fmt::format("exercise '{}' does not match the rubric's place (expected '{}')", rubric.exercise,
                                    *options.expected_exercise));

  if (options.role == RubricRole::exercise || root["title"])
    rubric.title = yaml.localized(yaml.required(root, "title", "the rubric"), "title");
  if (root["hints"]) {
    if (!root["hints"].IsSequence()) yaml.fail(root["hints"], "'hints' must be a list of texts ({ko: ..., en: ...})");
    for (const YAML::Node& hint : root["hints"]) rubric.hints.push_back(yaml.localized(hint, "hints item"));
  }

  const YAML::Node checks = yaml.required(root, "checks", "the rubric");
  if (!checks.IsSequence() || checks.size() == 0) yaml.fail(checks, "'checks' must be a non-empty list of checks");
  const std::filesystem::path dir = file.parent_path();
  std::map<std::string, SourceMark> first_seen;
  for (const std::string& id : options.earlier_ids) first_seen[id] = {};
  for (std::size_t i = 0; i < checks.size(); ++i) {
    Check check = parse_check(yaml, checks[i], options, dir, i);
    if (auto [it, fresh] = first_seen.try_emplace(check.id, check.where); !fresh) {
      const std::string where = it->second.line > 0 ? fmt::format(" (first defined at line {})", it->second.line)
                                                    : " (it is a check of the visible rubric)";
      yaml.fail(checks[i]["id"], fmt::format("duplicate check id '{}'{}", check.id, where));
    }
    rubric.checks.push_back(std::move(check));
  }
  validate_dependencies(yaml, checks, rubric.checks, options.earlier_ids);
  return rubric;
}

std::string_view kind_name(CheckKind kind) { return kind_names()[static_cast<std::size_t>(kind)]; }

std::string_view visibility_name(Visibility visibility) { return kVisibilities[static_cast<std::size_t>(visibility)]; }

const std::vector<std::string>& kind_names() {
  // Indexed by CheckKind: keep the enum's order.
  static const std::vector<std::string> names = {"compiles",         "output_matches",         "catch2",
                                                 "refcount_predictions", "cycle_freed_by_weakref", "profiling_report",
                                                 "threshold_experiment"};
  return names;
}

}  // namespace gclab::grader
