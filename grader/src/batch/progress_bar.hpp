// The batch's progress on stderr: on a terminal one bar redrawn in place with the rate and the
// time left; otherwise (CI logs, files) one plain line per graded exercise, which a log keeps.
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "batch/batch.hpp"

namespace gclab::grader::batch {

class ProgressBar {
 public:
  ProgressBar(std::FILE* out, bool terminal);
  void update(const BatchProgress& progress);
  /// Ends the bar's line (a terminal's cursor is left after it).
  void finish();

 private:
  std::FILE* out_;
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

/// "1m05s", "42s": a duration as a progress line shows it.
std::string format_duration(double seconds);

}  // namespace gclab::grader::batch
