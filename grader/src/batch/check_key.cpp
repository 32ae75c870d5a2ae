#include "batch/check_key.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "batch/hash.hpp"

namespace gclab::grader::batch {

namespace {

/// Bumped when what a check computes changes in the grader itself (not in the rubric).
constexpr const char* kGraderKeyVersion = "gclab-batch-1";

}  // namespace

std::vector<std::string> check_hashes(const std::vector<Check>& checks, Lang lang) {
  std::map<std::string, std::string> by_id;
  std::vector<std::string> hashes;
  for (const Check& check : checks) {
    Hasher h;
    h.add(kGraderKeyVersion).add(lang == Lang::ko ? "ko" : "en").add(check.id).add(kind_name(check.kind));
    h.add(fmt::format("{} {} {} {}", check.points, check.timeout_seconds, check.memory_mib, visibility_name(check.visibility)));
    h.add(check.with ? YAML::Dump(check.with) : std::string());
    if (check.with && check.with["expected_file"])
      h.add_file(check.rubric_dir / check.with["expected_file"].as<std::string>());
    for (const std::string& dep : check.depends_on) {
      const auto it = by_id.find(dep);
      h.add(dep).add(it == by_id.end() ? std::string() : it->second);
    }
    hashes.push_back(h.hex());
    by_id[check.id] = hashes.back();
  }
  return hashes;
}

}  // namespace gclab::grader::batch
