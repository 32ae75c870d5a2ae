#include "scorecard.hpp"

namespace gclab::grader::problems {

void Scorecard::add(double weight, bool passed, std::string explanation) {
  total_ += weight;
  if (passed) {
    earned_ += weight;
  } else {
    lines_.push_back(std::move(explanation));
  }
}

void Scorecard::note(std::string remark) { notes_.push_back(std::move(remark)); }

ProblemVerdict Scorecard::verdict() const {
  ProblemVerdict v;
  v.fraction = total_ > 0 ? earned_ / total_ : 0;
  for (const std::vector<std::string>* part : {&lines_, &notes_}) {
    for (const std::string& line : *part) {
      if (!v.message.empty()) v.message += '\n';
      v.message += line;
    }
  }
  return v;
}

ProblemVerdict no_credit(std::string message) { return ProblemVerdict{0, std::move(message), {}, {}}; }

}  // namespace gclab::grader::problems
