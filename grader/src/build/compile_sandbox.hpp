// Compiling a student's code without trusting it. A compile is an attack surface too: an
// `#include "../../solutions/..."` (or of a hidden rubric) copies a secret into the program, and a
// template bomb burns CPU and memory. So compiles run in the sandbox like programs do, under
// their own, larger limits (RunLimits::for_compile()), seeing only what they need.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "build/builder.hpp"
#include "runner/sandbox.hpp"

namespace gclab::grader {

/// Runs one compiler (or linker, or build tool) command isolated: it sees the system (/usr, /lib*,
/// a minimal /etc) and `readable` (read-only, at their own paths: the engine's headers and
/// libraries, a precompiled header, the submission's sources), and writes only in `scratch`,
/// which is its working directory (and, when the grader is root, is handed to the run's own uid
/// first). Paths in `hidden` stay unseen even inside `readable`. Under bubblewrap nothing else
/// exists for it; in the fallback mode (sandbox_status()) only the limits, the privilege drop and
/// the scratch apply. A compile that runs past `limits.timeout` is BuildResult::timed_out.
///
/// Example (batch grading, one submission materialised in `dir`):
///   const BuildResult r = compile_in_sandbox(
///       {"/usr/bin/g++", "-std=c++20", "-I", engine_include, "exercise.cpp", engine_lib, "-o", "program"},
///       {engine_include, engine_lib}, dir);
BuildResult compile_in_sandbox(const std::vector<std::string>& command,
                               const std::vector<std::filesystem::path>& readable,
                               const std::filesystem::path& scratch,
                               const RunLimits& limits = RunLimits::for_compile(),
                               const std::vector<std::filesystem::path>& hidden = {});

/// The same, for a build whose tree must stay where it is (CMakeBuilder): `isolation` as given.
/// `source_root` is cut from paths in the first error.
BuildResult build_in_sandbox(const std::vector<std::string>& command, const Isolation& isolation,
                             const RunLimits& limits, const std::filesystem::path& source_root);

}  // namespace gclab::grader
