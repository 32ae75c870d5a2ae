// How grading results look on a terminal: one line per check with its points and outcome, the
// first problem explained in full, a score line. Colored only when stdout is a terminal.
#pragma once

#include <filesystem>
#include <string>
#include <utility>

#include "checks/outcome.hpp"
#include "text/lang.hpp"

namespace gclab::grader::cli {

struct Style {
  Lang lang = Lang::en;
  bool color = false;
  std::string green(const std::string& s) const { return paint("32", s); }
  std::string red(const std::string& s) const { return paint("31", s); }
  std::string yellow(const std::string& s) const { return paint("33", s); }
  std::string bold(const std::string& s) const { return paint("1", s); }
  std::string dim(const std::string& s) const { return paint("2", s); }
  std::string paint(const char* code, const std::string& s) const {
    return color ? "\033[" + std::string(code) + "m" + s + "\033[0m" : s;
  }
};

/// Prints results as they arrive, explaining the first check that did not pass (skipped ones only
/// say why in one line: their cause was already explained).
class ReportPrinter {
 public:
  /// `pictures`: where the pictures of a check's explanation are saved (as SVG), to be linked.
  explicit ReportPrinter(Style style, std::filesystem::path pictures = {})
      : style_(style), pictures_(std::move(pictures)) {}
  void header(const std::string& exercise, const std::string& title) const;
  void result(const CheckResult& result);
  void summary(const GradeReport& report) const;

 private:
  Style style_;
  std::filesystem::path pictures_;
  bool explained_ = false;
  bool noted_not_attempted_ = false;
};

}  // namespace gclab::grader::cli
