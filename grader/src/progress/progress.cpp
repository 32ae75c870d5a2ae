#include "progress/progress.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>

namespace gclab::grader {

namespace {

constexpr const char* kStatusNames[] = {"not_started", "failing", "done"};

Status parse_status(const std::string& name) {
  for (int i = 0; i < 3; ++i)
    if (name == kStatusNames[i]) return static_cast<Status>(i);
  return Status::not_started;
}

}  // namespace

std::filesystem::path Progress::file_in(const std::filesystem::path& build_dir) {
  if (const char* file = std::getenv("GCLAB_PROGRESS_FILE"); file != nullptr && *file != '\0') return file;
  return build_dir / "gclab-progress.json";
}

Progress Progress::load(const std::filesystem::path& build_dir) {
  Progress progress;
  progress.file_ = file_in(build_dir);
  std::ifstream in(progress.file_);
  if (!in) return progress;
  // A damaged file (an interrupted write from an older version, a hand edit) must not stop the
  // student working: it is read as far as it makes sense.
  const nlohmann::json json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("exercises") || !json["exercises"].is_object()) return progress;
  for (const auto& [name, entry] : json["exercises"].items()) {
    ExerciseProgress p;
    p.status = parse_status(entry.value("status", "not_started"));
    p.earned = entry.value("earned", 0.0);
    p.possible = entry.value("possible", 0);
    p.checked_at = entry.value("checked_at", "");
    p.hints_shown = entry.value("hints_shown", 0);
    progress.exercises_[name] = p;
  }
  return progress;
}

void Progress::save() const {
  nlohmann::json exercises = nlohmann::json::object();
  for (const auto& [name, p] : exercises_)
    exercises[name] = {{"status", kStatusNames[static_cast<int>(p.status)]},
                       {"earned", p.earned},
                       {"possible", p.possible},
                       {"checked_at", p.checked_at},
                       {"hints_shown", p.hints_shown}};
  const nlohmann::json json = {{"version", 1}, {"exercises", exercises}};
  const std::filesystem::path temp = file_.string() + ".tmp";
  {
    std::ofstream out(temp);
    out << json.dump(2) << "\n";
    if (!out) return;  // e.g. no build directory yet: progress is a convenience, not a failure
  }
  std::error_code ec;
  std::filesystem::rename(temp, file_, ec);
}

ExerciseProgress Progress::get(const std::string& exercise) const {
  const auto it = exercises_.find(exercise);
  return it == exercises_.end() ? ExerciseProgress{} : it->second;
}

void Progress::record_check(const std::string& exercise, double earned, int possible, bool all_passed) {
  ExerciseProgress& p = exercises_[exercise];
  p.status = all_passed ? Status::done : Status::failing;
  p.earned = earned;
  p.possible = possible;
  p.checked_at = fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

int Progress::next_hint(const std::string& exercise) { return ++exercises_[exercise].hints_shown; }

}  // namespace gclab::grader
