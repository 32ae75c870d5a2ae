// gclab gradescope-package <out-dir>: a Gradescope autograder bundle. Zip the folder's contents
// and upload it as the assignment's autograder: Gradescope runs setup.sh once to build its image,
// then run_autograder for each submission (/autograder/submission in,
// /autograder/results/results.json out).
#include <fmt/format.h>
#include <sys/stat.h>

#include <fstream>

#include "cli/app.hpp"

namespace gclab::grader::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSetup = R"sh(#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image.
set -euo pipefail
cd /autograder/source/course
scripts/install-deps
cmake -S . -B build/grade -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGCLAB_CHECKED=ON \
      -DGCLAB_BUILD_TESTS=OFF -DGCLAB_BUILD_BENCH=OFF
# Every exercise and solution program, and gclab: the template every submission is compiled against.
cmake --build build/grade -j "$(nproc)"
)sh";

constexpr const char* kRunAutograder = R"sh(#!/usr/bin/env bash
# Gradescope runs this for each submission. `--format gradescope` always writes results.json and
# exits 0 once the grader ran, even when it failed (the failure is in the results' output).
cd /autograder/source/course
mkdir -p /autograder/results
exec build/grade/gclab --no-color --lang {lang} grade /autograder/submission \
     --format gradescope --output /autograder/results/results.json \
     --gradebook /tmp/gclab-gradebook.sqlite --jobs "$(nproc)"
)sh";

/// The course tree without build directories, version control or editor litter.
void copy_course(const fs::path& from, const fs::path& to) {
  for (auto it = fs::recursive_directory_iterator(from); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path rel = fs::relative(it->path(), from);
    const std::string first = rel.begin()->string();
    if (first == "build" || (!first.empty() && first[0] == '.')) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory()) fs::create_directories(to / rel);
    else if (it->is_regular_file()) fs::copy_file(it->path(), to / rel, fs::copy_options::overwrite_existing);
  }
}

void write_script(const fs::path& path, const std::string& text) {
  std::ofstream(path) << text;
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read |
                            fs::perms::others_exec);
}

int run_package(App& app, const std::string& out_dir) {
  app.require_full_course("gradescope-package");
  const fs::path out(out_dir);
  if (fs::exists(out) && !fs::is_empty(out)) throw UsageError(fmt::format("{} is not empty: give a new folder", out_dir));
  fs::create_directories(out / "course");
  copy_course(app.course().root(), out / "course");
  write_script(out / "setup.sh", kSetup);
  write_script(out / "run_autograder", fmt::format(fmt::runtime(kRunAutograder), fmt::arg("lang", app.lang() == Lang::ko ? "ko" : "en")));
  fmt::print("{}\n", tr(app.lang(),
                        fmt::format("{}: setup.sh, run_autograder, course/. 폴더의 내용을 zip으로 묶어 Gradescope에 올리세요.", out_dir),
                        fmt::format("{}: setup.sh, run_autograder, course/. Zip the folder's contents and upload it to Gradescope.", out_dir)));
  return kOk;
}

}  // namespace

void add_gradescope_package_command(CLI::App& cli, App& app) {
  auto out_dir = std::make_shared<std::string>();
  CLI::App* cmd = cli.add_subcommand("gradescope-package", "instructors: write a Gradescope autograder bundle (setup.sh, run_autograder)");
  cmd->add_option("out-dir", *out_dir, "a new folder for the bundle")->required();
  cmd->callback([&app, out_dir] { app.exit_code = run_package(app, *out_dir); });
}

}  // namespace gclab::grader::cli
