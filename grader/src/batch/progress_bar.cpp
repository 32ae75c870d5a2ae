#include "batch/progress_bar.hpp"

#include <fmt/format.h>

#include <cmath>

namespace gclab::grader::batch {

ProgressBar::ProgressBar(std::FILE* out, bool terminal) : out_(out), terminal_(terminal), start_(std::chrono::steady_clock::now()) {}

std::string format_duration(double seconds) {
  const long s = std::lround(seconds);
  return s >= 60 ? fmt::format("{}m{:02}s", s / 60, s % 60) : fmt::format("{}s", s);
}

void ProgressBar::update(const BatchProgress& p) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  // Time left at the rate so far: the first exercises pay for the template and the cold cache,
  // so the estimate starts pessimistic and settles.
  const double left = p.done == 0 ? 0 : elapsed / static_cast<double>(p.done) * static_cast<double>(p.total - p.done);
  const std::string eta = p.done == p.total ? format_duration(elapsed) : "ETA " + format_duration(left);
  if (!terminal_) {
    fmt::print(out_, "[{}/{}] {} {} ({})\n", p.done, p.total, p.submission, p.exercise, eta);
    return;
  }
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = p.total == 0 ? kWidth : kWidth * p.done / p.total;
  fmt::print(out_, "\r\033[K[{}{}] {}/{} {}  {} {}", std::string(filled, '#'), std::string(kWidth - filled, '.'), p.done, p.total, eta,
             p.submission, p.exercise);
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (terminal_ && drawn_) fmt::print(out_, "\n");
}

}  // namespace gclab::grader::batch
