// Typed, located reads of a YAML document: every accessor either returns a value of the asked
// type or throws RubricError at the offending node, worded for someone editing the file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "rubric/error.hpp"
#include "text/lang.hpp"

namespace gclab::grader {

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  /// Parses the file; bad YAML becomes RubricError at the parser's position.
  YAML::Node parse() const;

  /// yaml-cpp's marks are 0-based; ours are 1-based. A node without a mark (a missing key)
  /// uses `fallback`'s.
  SourceMark mark(const YAML::Node& node, const YAML::Node& fallback = {}) const;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;

  /// `map` must be a map whose keys are all in `allowed` (each at most once); `what` names it in
  /// messages ("check 'output'"). An unknown key suggests the nearest allowed one.
  void expect_map(const YAML::Node& map, const std::string& what, const std::vector<std::string>& allowed) const;
  /// The value of a required key, or RubricError at the map ("check 'x' is missing 'kind'").
  YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& what) const;

  std::string string(const YAML::Node& node, const std::string& key) const;
  int integer(const YAML::Node& node, const std::string& key, int min, int max) const;
  std::vector<std::string> strings(const YAML::Node& node, const std::string& key) const;
  std::vector<int> integers(const YAML::Node& node, const std::string& key, int min, int max) const;
  /// {ko: ..., en: ...} (both required), or one string used for both languages.
  Localized localized(const YAML::Node& node, const std::string& key) const;

  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

}  // namespace gclab::grader
