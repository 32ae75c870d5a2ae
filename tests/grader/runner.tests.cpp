// The sandbox: each way a program can end is reported as such, and none of them hurts the grader.
#include <signal.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "runner/isolation.hpp"
#include "runner/signal_name.hpp"
#include "support.hpp"

using namespace gclab::grader;
using namespace gclab::grader::testing;

namespace {

RunResult run_cell(int cell, RunLimits limits = {}) {
  RunRequest request;
  request.argv = {kFixture.string(), "--cell", std::to_string(cell)};
  request.limits = limits;
  return run_sandboxed(request);
}

/// Whether a process is gone (or a zombie nobody has reaped yet: it runs no more code either).
bool process_gone(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string field;
  for (int i = 0; i < 3 && stat >> field; ++i) {
  }
  return !stat || field == "Z" || field == "X";
}

}  // namespace

TEST_CASE("a program that exits 0 has its stdout captured", "[runner]") {
  const RunResult r = run_cell(1);
  CHECK(r.end == RunResult::End::exited);
  CHECK(r.exit_code == 0);
  CHECK(r.succeeded());
  CHECK(r.out == "hello\nworld\n");
  CHECK_FALSE(r.truncated);
}

TEST_CASE("a non-zero exit status is reported as an exit, not a crash", "[runner]") {
  const RunResult r = run_cell(7);
  CHECK(r.end == RunResult::End::exited);
  CHECK(r.exit_code == 3);
  CHECK_FALSE(r.succeeded());
}

TEST_CASE("a null dereference ends in SIGSEGV", "[runner]") {
  const RunResult r = run_cell(3);
  REQUIRE(r.end == RunResult::End::signaled);
  CHECK(r.signal == SIGSEGV);
  CHECK(signal_name(r.signal) == "SIGSEGV");
  CHECK_FALSE(ran_out_of_memory(r, {}));
}

TEST_CASE("abort() ends in SIGABRT", "[runner]") {
  const RunResult r = run_cell(4);
  REQUIRE(r.end == RunResult::End::signaled);
  CHECK(signal_name(r.signal) == "SIGABRT");
}

TEST_CASE("a hanging program and its child are killed at the timeout", "[runner]") {
  RunLimits limits;
  limits.timeout = std::chrono::seconds(1);
  const RunResult r = run_cell(5, limits);
  CHECK(r.end == RunResult::End::timed_out);
  CHECK(r.elapsed >= std::chrono::milliseconds(1000));
  CHECK(r.elapsed < std::chrono::milliseconds(3000));
  // The program and the child it forked were one process group: both are killed.
  std::istringstream pids(r.out);
  pid_t program = 0;
  pid_t child = 0;
  REQUIRE(pids >> program >> child);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(process_gone(program));
  CHECK(process_gone(child));
}

TEST_CASE("allocating without bound hits the memory limit", "[runner]") {
  RunLimits limits;
  limits.memory_bytes = std::size_t{64} << 20;
  const RunResult r = run_cell(6, limits);
  CHECK_FALSE(r.succeeded());
  CHECK(r.end != RunResult::End::timed_out);
  CHECK(ran_out_of_memory(r, limits));
}

TEST_CASE("output beyond the cap is dropped, and the program still finishes", "[runner]") {
  RunLimits limits;
  limits.output_bytes = 4096;
  const RunResult r = run_cell(9, limits);
  CHECK(r.succeeded());
  CHECK(r.truncated);
  CHECK(r.out.size() == 4096);
}

TEST_CASE("stderr can be merged into stdout", "[runner]") {
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "echo one; echo two >&2; echo three"};
  request.merge_stderr = true;
  const RunResult r = run_sandboxed(request);
  CHECK(r.out == "one\ntwo\nthree\n");
  CHECK(r.err.empty());
}

TEST_CASE("a program that does not exist is not started, with the reason", "[runner]") {
  RunRequest request;
  request.argv = {"/nonexistent/program"};
  const RunResult r = run_sandboxed(request);
  CHECK(r.end == RunResult::End::not_started);
  CHECK_THAT(r.err, Catch::Contains("No such file or directory"));
}

TEST_CASE("the environment can be extended for the program", "[runner]") {
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "printf %s \"$GCLAB_TEST_VARIABLE\""};
  request.env = {{"GCLAB_TEST_VARIABLE", "/tmp/report.jsonl"}};
  CHECK(run_sandboxed(request).out == "/tmp/report.jsonl");
}

TEST_CASE("the report channel carries what the program writes on its descriptor, apart from stdout", "[runner]") {
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "echo printed; echo \"fd=$GCLAB_REPORT_FD\" >&3"};
  request.report_channel = true;
  const RunResult r = run_sandboxed(request);
  CHECK(r.succeeded());
  CHECK(r.out == "printed\n");
  CHECK(r.report == "fd=3\n");
}

TEST_CASE("without a report channel the program has no descriptor 3", "[runner]") {
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "echo forged >&3"};
  const RunResult r = run_sandboxed(request);
  CHECK_FALSE(r.succeeded());  // the shell cannot redirect to a closed descriptor
  CHECK(r.report.empty());
}

TEST_CASE("an isolated program works in a fresh scratch directory with a minimal environment", "[runner]") {
  setenv("GCLAB_TEST_SECRET", "hunter2", 1);
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "echo made > file && cat file && ls && env"};
  request.limits = RunLimits::for_program();
  request.isolation = Isolation{};
  const RunResult r = run_sandboxed(request);
  unsetenv("GCLAB_TEST_SECRET");
  CHECK(r.succeeded());
  CHECK_THAT(r.out, Catch::StartsWith("made\nfile\n"));  // its scratch was empty, and writable
  CHECK_THAT(r.out, !Catch::Contains("hunter2"));
  CHECK_THAT(r.out, Catch::Contains("HOME="));
}

TEST_CASE("under bubblewrap an isolated program sees only the paths it is given", "[runner]") {
  if (sandbox_status().mode != SandboxMode::bwrap) {
    WARN(describe(sandbox_status()));
    return;
  }
  const std::filesystem::path readme = kSourceDir / "README.md";
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "head -c 7 " + readme.string() + " || echo hidden"};
  request.isolation = Isolation{};
  CHECK(run_sandboxed(request).out == "hidden\n");
  request.isolation->read_only = {readme};
  CHECK(run_sandboxed(request).out == "# gclab");
}

TEST_CASE("the CPU-time limit ends a busy program with SIGXCPU", "[runner]") {
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "while :; do :; done"};
  request.limits.cpu_seconds = 1;
  request.limits.timeout = std::chrono::seconds(10);
  const RunResult r = run_sandboxed(request);
  CHECK(ran_out_of_cpu(r));
  CHECK(r.elapsed < std::chrono::seconds(5));
}

TEST_CASE("the file-size limit ends a program writing a larger file with SIGXFSZ", "[runner]") {
  RunRequest request;
  request.argv = {"/bin/sh", "-c", "exec head -c 2000000 /dev/zero > big"};
  request.limits.file_bytes = 1 << 20;
  request.isolation = Isolation{};
  const RunResult r = run_sandboxed(request);
  REQUIRE(r.end == RunResult::End::signaled);
  CHECK(signal_name(r.signal) == "SIGXFSZ");
}

// A course checked out under a private directory (root's 0700 home, a 0700 temporary root as in a
// container): the run's own uid could not even reach the program, so it keeps root's.
TEST_CASE("an isolated program under a directory only root can enter still runs", "[runner]") {
  const auto dir = std::filesystem::temp_directory_path() / "gclab-private-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "bin");
  std::filesystem::copy_file("/bin/echo", dir / "bin" / "echo");
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all);
  // Whether the rest of the machine is reachable depends on the host (a container's root may be
  // 0700 itself); the private directory never is.
  const bool host_open = reachable_unprivileged(std::filesystem::temp_directory_path());
  CHECK_FALSE(reachable_unprivileged(dir / "bin" / "echo"));
  RunRequest request;
  request.argv = {(dir / "bin" / "echo").string(), "ran"};
  request.isolation = Isolation{};
  request.isolation->read_only = {dir / "bin" / "echo"};
  const RunResult r = run_sandboxed(request);
  CHECK(r.succeeded());
  CHECK(r.out == "ran\n");
  // A scratch directory given in there (a compile's): the same rule.
  std::filesystem::create_directories(dir / "scratch");
  request.isolation->read_only.clear();
  request.isolation->scratch = dir / "scratch";
  request.argv = {"/bin/sh", "-c", "echo made > file && cat file"};
  const RunResult in_scratch = run_sandboxed(request);
  CHECK(in_scratch.succeeded());
  CHECK(in_scratch.out == "made\n");
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::others_exec);
  CHECK(reachable_unprivileged(dir / "bin" / "echo") == host_open);
  std::filesystem::remove_all(dir);
}
