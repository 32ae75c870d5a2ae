// Reading a whole file into memory: the staged sources, cache entries and files to hash are small.
#pragma once

#include <filesystem>
#include <string>

namespace gclab::grader::batch {

/// The file's bytes; std::runtime_error if it cannot be opened.
std::string read_file(const std::filesystem::path& file);

}  // namespace gclab::grader::batch
