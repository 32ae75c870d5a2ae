// Signal names as students meet them in documentation: SIGSEGV, SIGABRT, ...
#pragma once

#include <string>

namespace gclab::grader {

/// "SIGSEGV" for 11, "signal 77" for a number without a name.
std::string signal_name(int signal);

}  // namespace gclab::grader
