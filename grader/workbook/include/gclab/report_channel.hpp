// Where a program run by the grader writes its report: an inherited pipe at a fixed descriptor,
// named in the environment. The grader (grader/src/runner/) creates it and reads it; the program
// (gclab/report.hpp) writes to it. Only these two constants are shared by both sides.
#pragma once

namespace gclab {

/// The descriptor the report pipe's write end has in the program.
inline constexpr int kReportFd = 3;
/// The environment variable that carries kReportFd's number; unset when nobody reads a report.
inline constexpr const char* kReportFdVariable = "GCLAB_REPORT_FD";

}  // namespace gclab
