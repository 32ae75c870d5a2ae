// The sandbox: each way a program can end is reported as such, and none of them hurts the grader.
#include <signal.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

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
  request.argv = {"/bin/sh", "-c", "printf %s \"$GCLAB_REPORT\""};
  request.env = {{"GCLAB_REPORT", "/tmp/report.jsonl"}};
  CHECK(run_sandboxed(request).out == "/tmp/report.jsonl");
}
