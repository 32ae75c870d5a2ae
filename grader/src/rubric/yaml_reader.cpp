#include "rubric/yaml_reader.hpp"

#include <fmt/format.h>

#include <set>

#include "text/nearest.hpp"

namespace gclab::grader {

namespace {

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Null: return "empty";
    case YAML::NodeType::Scalar: return fmt::format("\"{}\"", node.Scalar());
    default: return "nothing";
  }
}

}  // namespace

YAML::Node YamlReader::parse() const {
  try {
    return YAML::LoadFile(file_);
  } catch (const YAML::BadFile&) {
    throw RubricError({file_, 1, 1}, "cannot read the file");
  } catch (const YAML::ParserException& e) {
    throw RubricError({file_, e.mark.line + 1, e.mark.column + 1}, "YAML syntax error: " + e.msg);
  }
}

SourceMark YamlReader::mark(const YAML::Node& node, const YAML::Node& fallback) const {
  YAML::Mark m = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  if (m.is_null() && fallback.IsDefined()) m = fallback.Mark();
  if (m.is_null()) return {file_, 1, 1};
  return {file_, m.line + 1, m.column + 1};
}

void YamlReader::fail(const YAML::Node& at, const std::string& message) const { throw RubricError(mark(at), message); }

void YamlReader::expect_map(const YAML::Node& map, const std::string& what,
                            const std::vector<std::string>& allowed) const {
  if (!map.IsMap()) fail(map, fmt::format("{} must be a map, not {}", what, describe(map)));
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const std::string key = entry.first.Scalar();
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string message = fmt::format("unknown key '{}' in {}", key, what);
      if (auto near = nearest_name(key, allowed)) message += fmt::format("; did you mean '{}'?", *near);
      else message += fmt::format(" (valid keys: {})", fmt::join(allowed, ", "));
      fail(entry.first, message);
    }
    // yaml-cpp keeps the last of two equal keys silently; a rubric author means one of them.
    if (!seen.insert(key).second) fail(entry.first, fmt::format("duplicate key '{}' in {}", key, what));
  }
}

YAML::Node YamlReader::required(const YAML::Node& map, const std::string& key, const std::string& what) const {
  YAML::Node value = map[key];
  if (!value.IsDefined()) fail(map, fmt::format("{} is missing the required key '{}'", what, key));
  return value;
}

std::string YamlReader::string(const YAML::Node& node, const std::string& key) const {
  if (!node.IsScalar()) fail(node, fmt::format("'{}' must be a string, not {}", key, describe(node)));
  return node.Scalar();
}

int YamlReader::integer(const YAML::Node& node, const std::string& key, int min, int max) const {
  int value = 0;
  if (!node.IsScalar() || !YAML::convert<int>::decode(node, value))
    fail(node, fmt::format("'{}' must be an integer, not {}", key, describe(node)));
  if (value < min || value > max) fail(node, fmt::format("'{}' must be between {} and {}, not {}", key, min, max, value));
  return value;
}

std::vector<std::string> YamlReader::strings(const YAML::Node& node, const std::string& key) const {
  if (!node.IsSequence()) fail(node, fmt::format("'{}' must be a list of strings, not {}", key, describe(node)));
  std::vector<std::string> values;
  for (const YAML::Node& item : node) values.push_back(string(item, key + " item"));
  return values;
}

std::vector<int> YamlReader::integers(const YAML::Node& node, const std::string& key, int min, int max) const {
  if (!node.IsSequence()) fail(node, fmt::format("'{}' must be a list of integers, not {}", key, describe(node)));
  std::vector<int> values;
  for (const YAML::Node& item : node) values.push_back(integer(item, key + " item", min, max));
  return values;
}

Localized YamlReader::localized(const YAML::Node& node, const std::string& key) const {
  if (node.IsScalar()) return {node.Scalar(), node.Scalar()};
  if (!node.IsMap()) fail(node, fmt::format("'{}' must be a text: {{ko: ..., en: ...}} or a string, not {}", key, describe(node)));
  const std::string what = fmt::format("'{}'", key);
  expect_map(node, what, {"ko", "en"});
  return {string(required(node, "ko", what), "ko"), string(required(node, "en", what), "en")};
}

}  // namespace gclab::grader
