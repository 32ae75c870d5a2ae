// CLI11, included through here only: GCC 12 reports a false -Wnull-dereference inside CLI11's
// inlined string splitting (CLI::detail::split), in every file that includes it.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
