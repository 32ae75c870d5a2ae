#include "runner/signal_name.hpp"

#include <cstring>

namespace gclab::grader {

std::string signal_name(int signal) {
  // glibc >= 2.32: the abbreviation without "SIG".
  if (const char* abbrev = sigabbrev_np(signal)) return std::string("SIG") + abbrev;
  return "signal " + std::to_string(signal);
}

}  // namespace gclab::grader
