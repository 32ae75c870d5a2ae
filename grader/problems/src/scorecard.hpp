// Partial credit for a problem check: a list of properties, each worth a share of the points,
// each passed or failed with the sentence that explains the failure.
#pragma once

#include <string>
#include <vector>

#include "gclab/grader/problem_checks.hpp"

namespace gclab::grader::problems {

class Scorecard {
 public:
  /// One property worth `weight` (the weights of a card need not add up to 1; the fraction is the
  /// share of the total that passed). `explanation` is shown only when it fails.
  void add(double weight, bool passed, std::string explanation);
  /// A remark shown whatever the score (a note on an unknown key, say).
  void note(std::string remark);

  /// fraction = passed weight / total weight; the message lists every failed property's
  /// explanation, then the notes, one a line.
  ProblemVerdict verdict() const;

 private:
  double total_ = 0;
  double earned_ = 0;
  std::vector<std::string> lines_;
  std::vector<std::string> notes_;
};

/// A verdict of no credit with one explanation (the report or a student file is unusable).
ProblemVerdict no_credit(std::string message);

}  // namespace gclab::grader::problems
