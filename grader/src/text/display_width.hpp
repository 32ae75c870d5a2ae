// How many terminal columns a UTF-8 string takes, for tables that must line up in Korean too:
// Hangul and the other East Asian wide characters take two columns, everything else one.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace gclab::grader {

/// The columns `utf8` takes in a terminal (invalid bytes count one column each).
std::size_t display_width(std::string_view utf8);

/// `utf8` followed by spaces up to `columns` columns (unchanged when it is already as wide).
std::string pad_to(std::string_view utf8, std::size_t columns);

}  // namespace gclab::grader
