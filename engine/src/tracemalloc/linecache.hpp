// Source lines for Traceback::format(), as Python's linecache gives them: files are read once
// and kept; a file that can't be read has no lines.
#pragma once

#include <string>

namespace gclab::detail::tracer {

/// Line `lineno` (1-based) of the file a report names, or "" when there is no such line.
const std::string& getline(const std::string& filename, int lineno);

}  // namespace gclab::detail::tracer
