// The one error a malformed rubric gives: `file:line:column: message`.
#pragma once

#include <stdexcept>
#include <string>

#include "rubric/rubric.hpp"

namespace gclab::grader {

class RubricError : public std::runtime_error {
 public:
  RubricError(SourceMark where, const std::string& message)
      : std::runtime_error(where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) +
                           ": " + message),
        where_(std::move(where)),
        message_(message) {}
  const SourceMark& where() const { return where_; }
  /// The message without its location.
  const std::string& message() const { return message_; }

 private:
  SourceMark where_;
  std::string message_;
};

}  // namespace gclab::grader
