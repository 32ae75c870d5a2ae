#include "release/recorded_rubric.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>

#include "rubric/yaml_reader.hpp"

namespace gclab::grader::release {

namespace {

/// One edit of the file: at byte `at`, `length` bytes become `with`.
struct Splice {
  std::size_t at;
  std::size_t length;
  std::string with;
};

/// The bytes a scalar node takes in the file: plain, or quoted with its quotes.
std::size_t scalar_length(const std::string& text, const YAML::Node& node) {
  const std::size_t at = static_cast<std::size_t>(node.Mark().pos);
  const char first = at < text.size() ? text[at] : '\0';
  if (first == '"' || first == '\'') {
    for (std::size_t end = at + 1; end < text.size(); ++end) {
      if (first == '"' && text[end] == '\\') ++end;
      else if (text[end] == first) return end + 1 - at;
    }
    return text.size() - at;
  }
  return node.Scalar().size();
}

bool is_flow(const std::string& text, const YAML::Node& node) {
  const auto at = static_cast<std::size_t>(node.Mark().pos);
  return at < text.size() && (text[at] == '{' || text[at] == '[');
}

/// The key node of `key` in the map `map` (the node itself carries the key's position).
YAML::Node key_node(const YAML::Node& map, const std::string& key) {
  for (auto it = map.begin(); it != map.end(); ++it)
    if (it->first.Scalar() == key) return it->first;
  return {};
}

/// The edit that points `check` (its node in the file) at `path`.
Splice splice_for(const std::string& text, const YAML::Node& check, const std::string& path, const YamlReader& yaml) {
  const std::string entry = "expected_file: " + path;
  const YAML::Node with = check["with"];
  if (with && with["expected"]) {  // `expected: solution` becomes the entry
    const YAML::Node key = key_node(with, "expected");
    const YAML::Node value = with["expected"];
    const auto at = static_cast<std::size_t>(key.Mark().pos);
    return {at, static_cast<std::size_t>(value.Mark().pos) + scalar_length(text, value) - at, entry};
  }
  if (with && with.IsMap() && with.size() > 0) {  // the entry goes before the first key
    const YAML::Node first = with.begin()->first;
    const auto at = static_cast<std::size_t>(first.Mark().pos);
    if (is_flow(text, with)) return {at, 0, entry + ", "};
    return {at, 0, entry + "\n" + std::string(static_cast<std::size_t>(first.Mark().column), ' ')};
  }
  if (with) yaml.fail(with, "gclab release: 'with' must be a map to record the expected output in it");
  // No `with:` at all: one after the check's `kind`.
  const YAML::Node kind = check["kind"];
  const std::size_t kind_end = static_cast<std::size_t>(kind.Mark().pos) + scalar_length(text, kind);
  if (is_flow(text, check)) return {kind_end, 0, ", with: {" + entry + "}"};
  const YAML::Node kind_key = key_node(check, "kind");
  return {kind_end, 0, "\n" + std::string(static_cast<std::size_t>(kind_key.Mark().column), ' ') + "with: {" + entry + "}"};
}

}  // namespace

std::string recorded_output_path(const std::string& check_id) { return "expected/" + check_id + ".txt"; }

std::vector<const Check*> checks_compared_with_solution(const Rubric& rubric) {
  std::vector<const Check*> found;
  for (const Check& check : rubric.checks)
    if (check.kind == CheckKind::output_matches && !check.with["expected_file"]) found.push_back(&check);
  return found;
}

std::string with_recorded_outputs(const std::string& text, const Rubric& rubric) {
  const YamlReader yaml(rubric.file.string());
  const YAML::Node root = YAML::Load(text);
  std::map<std::string, YAML::Node> by_id;
  for (const YAML::Node& check : root["checks"]) by_id[check["id"].Scalar()] = check;

  std::vector<Splice> splices;
  for (const Check* check : checks_compared_with_solution(rubric))
    splices.push_back(splice_for(text, by_id.at(check->id), recorded_output_path(check->id), yaml));
  // From the end backwards, so that each position still holds when its edit is made.
  std::sort(splices.begin(), splices.end(), [](const Splice& a, const Splice& b) { return a.at > b.at; });
  std::string edited = text;
  for (const Splice& s : splices) edited.replace(s.at, s.length, s.with);
  return edited;
}

}  // namespace gclab::grader::release
