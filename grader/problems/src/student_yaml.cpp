#include "student_yaml.hpp"

#include <fmt/format.h>

namespace gclab::grader::problems {

StudentFile read_student_yaml(const std::filesystem::path& exercise_dir, const YAML::Node& with,
                              const std::string& key, const std::string& fallback, Lang lang) {
  StudentFile file;
  std::string name = fallback;
  if (with && with.IsMap() && with[key] && with[key].IsScalar()) name = with[key].as<std::string>();
  file.path = exercise_dir / name;
  const std::string shown = file.path.filename().string();
  if (!std::filesystem::exists(file.path)) {
    file.error = tr(lang, fmt::format("연습 폴더에 {}이(가) 없습니다 (`gclab reset`으로 되살릴 수 있습니다)", shown),
                    fmt::format("{} is missing from the exercise folder (`gclab reset` restores it)", shown));
    return file;
  }
  try {
    YAML::Node root = YAML::LoadFile(file.path.string());
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap()) {
      file.error = tr(lang, fmt::format("{}은(는) 한 줄에 하나씩 `key: value` 형식으로 써야 합니다", shown),
                      fmt::format("{} should be `key: value` lines, one a line", shown));
      return file;
    }
    file.map = root;
  } catch (const YAML::Exception& e) {
    // yaml-cpp counts from 0; editors count from 1. Its description (e.msg) exists in English only.
    file.error = fmt::format("{}:{}:{}: {}: {}", shown, e.mark.line + 1, e.mark.column + 1,
                             tr(lang, "올바른 YAML이 아닙니다", "not valid YAML"), e.msg);
  }
  return file;
}

bool is_blank(const YAML::Node& value) {
  return !value || value.IsNull() || (value.IsScalar() && value.Scalar().empty());
}

}  // namespace gclab::grader::problems
