// The hostile-submission catalogue: each attack a student could try on the grader, graded through
// the real runner and checks (build_and_run, output_matches, the report channel), asserting that
// the attack costs its own check only, ends within its limits, changes nothing outside its
// scratch directory, leaves the grader unharmed -- and that an honest submission graded in the
// same test still passes.
//
// Two checks grade every program, as the rubrics do: `output` (output_matches against the honest
// program, stdout only) and `answer`, which, like the problem kinds, judges only what the program
// reported on its report channel, against the expected value that lives here, in the grader (42).
//
// What bubblewrap alone defends (reading secrets, the network, a daemon outliving the run, writes
// to world-writable places) is asserted under bubblewrap; in the fallback mode those tests warn
// instead, as the threat model in grader/README.md says.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "build/builder.hpp"
#include "build/compile_sandbox.hpp"
#include "checks/grade.hpp"
#include "checks/kinds.hpp"
#include "checks/run_program.hpp"
#include "course/course.hpp"
#include "runner/isolation.hpp"
#include "text/lines.hpp"

using namespace gclab::grader;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = GCLAB_TEST_SOURCE_DIR;
const fs::path kBuild = GCLAB_TEST_BUILD_DIR;
const fs::path kBin = GCLAB_HOSTILE_BIN;
const fs::path kCompileSources = GCLAB_HOSTILE_COMPILE;
using Clock = std::chrono::steady_clock;

/// The programs are built by CMake before the tests run: nothing to build here.
class Prebuilt : public Builder {
 public:
  BuildResult build(const std::string&) override {
    BuildResult ok;
    ok.ok = true;
    return ok;
  }
};

bool under_bwrap() { return sandbox_status().mode == SandboxMode::bwrap; }
/// A root grader runs each program as a uid of its own: it cannot write the grader's files or
/// signal the grader even without bubblewrap.
/// Whether the runs get a uid of their own: a root grader whose programs an unprivileged uid can
/// reach (else they keep root's; see reachable_unprivileged).
bool runs_as_other_user() { return geteuid() == 0 && reachable_unprivileged(kBin / "write_outside"); }

Check make_check(CheckKind kind, int timeout, int memory = 256) {
  Check check;
  check.id = kind == CheckKind::output_matches ? "output" : "answer";
  check.kind = kind;
  check.points = 4;
  check.timeout_seconds = timeout;
  check.memory_mib = memory;
  check.with = YAML::Load("{expected: solution}");
  return check;
}

/// The timeout of a run expected to finish (0.3 s normally): far above its time, because a VM
/// that stalls under AddressSanitizer once made a 0.3 s run take 6.5 s. The attacks meant to hit a
/// timeout pass their own.
constexpr int kFinishes = 15;

/// One submission (a program of the catalogue) graded against the honest one.
struct Submission {
  Prebuilt builder;
  CheckEnv env;
  std::vector<std::pair<std::string, std::string>> program_env;

  explicit Submission(const std::string& program)
      : env{builder,
            {program, kBin, "", kBin / program},
            {"honest", kBin, "", kBin / "honest"},
            kBuild,
            kSource,
            Lang::en,
            !Course(kSource, kBuild).sanitized(),
            {}} {}

  /// output_matches, through grade() as a rubric runs it: the earned points.
  CheckResult output(int timeout = kFinishes, int memory = 256) {
    const GradeReport report = grade("hostile", {make_check(CheckKind::output_matches, timeout, memory)}, env);
    return report.results.at(0);
  }

  /// The program's run with its report channel, as the problem kinds make it.
  ProgramRun run(int timeout = kFinishes, int memory = 256) {
    return build_and_run(env, make_check(CheckKind::refcount_predictions, timeout, memory), "", env.subject.program,
                         {{}, program_env, false, /*report_channel=*/true});
  }

  /// The answer check: passes when the report channel says {"kind":"answer","value":42}.
  CheckResult answer(const ProgramRun& run) {
    if (!run.run) return result_of(run.outcome, run.explanation);
    if (!run.run->succeeded()) return result_of(Outcome::failed, explain_exit_status(*run.run, Lang::en));
    for (const std::string& line : split_lines(run.run->report)) {
      const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
      if (record.is_object() && record.value("kind", "") == "answer" && record.value("value", 0) == 42)
        return result_of(Outcome::passed);
    }
    return result_of(Outcome::failed, "no right answer on the report channel");
  }
  CheckResult answer(int timeout = kFinishes) { return answer(run(timeout)); }
};

/// The honest submission, graded after the attack in the same test: both checks pass.
void honest_still_passes() {
  Submission honest("honest");
  CHECK(honest.output().outcome == Outcome::passed);
  CHECK(honest.answer().outcome == Outcome::passed);
}

std::string read_all(const fs::path& file) {
  std::ostringstream text;
  text << std::ifstream(file, std::ios::binary).rdbuf();
  return text.str();
}

/// A directory outside every sandbox with one file in it, to prove that nothing there changed.
class Outside {
 public:
  Outside() : dir_(kBuild / fmt::format("hostile-outside-{}", ::getpid())) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::permissions(dir_, fs::perms(0755));
    std::ofstream(dir_ / "witness.txt") << "untouched\n";
    before_ = snapshot();
  }
  ~Outside() { fs::remove_all(dir_); }
  Outside(const Outside&) = delete;
  Outside& operator=(const Outside&) = delete;
  const fs::path& dir() const { return dir_; }
  bool unchanged() const { return snapshot() == before_; }

 private:
  /// Every file's name and contents, here and in the catalogue's own folder.
  std::map<std::string, std::string> snapshot() const {
    std::map<std::string, std::string> files;
    for (const fs::path& d : {dir_, kBin})
      for (const auto& entry : fs::directory_iterator(d)) {
        files[entry.path().string()] =
            entry.is_regular_file() && entry.path().parent_path() == dir_ ? read_all(entry.path()) : std::string();
      }
    return files;
  }
  fs::path dir_;
  std::map<std::string, std::string> before_;
};

/// The host's processes running `program`, waiting up to a second for them to be gone.
std::set<pid_t> survivors(const fs::path& program) {
  std::set<pid_t> found;
  for (int attempt = 0; attempt < 20; ++attempt) {
    found.clear();
    for (const auto& entry : fs::directory_iterator("/proc")) {
      const std::string name = entry.path().filename().string();
      if (name.empty() || !std::isdigit(static_cast<unsigned char>(name[0]))) continue;
      std::error_code ec;
      if (fs::read_symlink(entry.path() / "exe", ec) == program) found.insert(std::stoi(name));
    }
    if (found.empty()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return found;
}

/// Asserts that no process of `program` survived its run; in the fallback mode a daemon that left
/// the process group can survive (a documented gap): warn, and end it here.
void expect_no_survivors(const fs::path& program) {
  const std::set<pid_t> left = survivors(program);
  if (under_bwrap()) CHECK(left.empty());
  else if (!left.empty()) WARN(fmt::format("fallback mode: {} process(es) of {} outlived the run", left.size(), program.string()));
  for (const pid_t pid : left) kill(pid, SIGKILL);
}

std::string join(const std::vector<fs::path>& paths) {
  std::string joined;
  for (const fs::path& p : paths) joined += (joined.empty() ? "" : ":") + p.string();
  return joined;
}

std::string first_line(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

TEST_CASE("the sandbox says which protection it gives", "[hostile]") {
  const std::string said = describe(sandbox_status());
  CHECK_THAT(said, Catch::StartsWith("sandbox: "));
  WARN(said);
}

TEST_CASE("an honest submission earns both checks", "[hostile]") { honest_still_passes(); }

TEST_CASE("an infinite loop is stopped at the timeout and earns nothing", "[hostile]") {
  Submission s("infinite_loop");
  const auto start = Clock::now();
  const CheckResult r = s.output(2);
  CHECK(r.outcome == Outcome::timeout);
  CHECK(r.earned == 0);
  CHECK(Clock::now() - start < std::chrono::seconds(5));
  honest_still_passes();
}

TEST_CASE("allocating until out of memory hits the memory limit and earns nothing", "[hostile]") {
  Submission s("out_of_memory");
  const auto start = Clock::now();
  const CheckResult r = s.output(5, 128);
  CHECK(r.earned == 0);
  CHECK(r.outcome == Outcome::memory_limit);  // sanitized: ASan's hard_rss_limit_mb stops it
  CHECK(Clock::now() - start < std::chrono::seconds(8));
  honest_still_passes();
}

TEST_CASE("a fork bomb is capped, killed with its whole tree at the timeout, and earns nothing", "[hostile]") {
  if (geteuid() == 0 && !reachable_unprivileged(kBin / "fork_bomb")) {
    // Its runs keep root's uid here (the build tree is under a private directory), and root's
    // processes are not capped: the bomb would take every pid of the machine for its 2 s.
    WARN("fork bomb not run: the build tree is not reachable by an unprivileged uid, so runs stay root");
    return;
  }
  Submission s("fork_bomb");
  const auto start = Clock::now();
  const CheckResult r = s.output(2);
  CHECK(r.outcome == Outcome::timeout);
  CHECK(r.earned == 0);
  CHECK(Clock::now() - start < std::chrono::seconds(5));
  CHECK(survivors(kBin / "fork_bomb").empty());  // no setsid here: even the fallback kills them all
  honest_still_passes();
}

TEST_CASE("a segfault is a crash that earns nothing", "[hostile]") {
  Submission s("segfault");
  const CheckResult r = s.output();
  CHECK(r.outcome == Outcome::crashed);
  // Sanitized, UBSan stops the store to a null pointer before it can become SIGSEGV.
  CHECK_THAT(r.explanation, Catch::Contains(s.env.memory_limits ? "SIGSEGV" : "runtime error: store to null pointer"));
  CHECK(r.earned == 0);
  honest_still_passes();
}

TEST_CASE("abort() in a static initialiser is a crash that earns nothing", "[hostile]") {
  Submission s("static_abort");
  const CheckResult r = s.output();
  CHECK(r.outcome == Outcome::crashed);
  CHECK_THAT(r.explanation, Catch::Contains("SIGABRT"));
  CHECK(s.answer().outcome == Outcome::crashed);
  honest_still_passes();
}

TEST_CASE("a fake score, fake JSON, fake JUnit and fake report lines on stdout count for nothing", "[hostile]") {
  Submission s("fake_results");
  const CheckResult printed = s.output();
  CHECK(printed.outcome == Outcome::failed);
  CHECK(printed.earned == 0);
  const ProgramRun run = s.run();
  REQUIRE(run.run);
  CHECK_THAT(run.run->out, Catch::Contains(R"({"kind":"answer","value":42})"));  // printed, not reported
  CHECK(s.answer(run).outcome == Outcome::failed);
  honest_still_passes();
}

TEST_CASE("solutions, hidden rubrics and another submission cannot be read at run time", "[hostile]") {
  Outside other_submission;  // stands for another student's scratch directory
  std::ofstream(other_submission.dir() / "exercise.cpp") << "// another student's answer\n";
  const std::vector<fs::path> secrets = {kSource / "solutions" / "02.1-getrefcount" / "solution.cpp",
                                         kSource / "grader" / "hidden" / "02.1-getrefcount.yaml",
                                         kBuild / "CMakeCache.txt", other_submission.dir() / "exercise.cpp"};
  for (const fs::path& secret : secrets) REQUIRE(fs::exists(secret));
  Submission s("read_secrets");
  s.program_env = {{"HOSTILE_READ", join(secrets)}};
  const ProgramRun run = s.run();
  REQUIRE(run.run);
  if (under_bwrap()) CHECK_THAT(run.run->out, !Catch::Contains("READ "));
  else WARN("fallback mode: the program could read " + std::to_string(split_lines(run.run->out).size() - 2) + " secret(s)");
  honest_still_passes();
}

TEST_CASE("writes outside the scratch directory change nothing", "[hostile]") {
  Outside outside;
  const fs::path in_tmp = fs::temp_directory_path() / fmt::format("gclab-pwned-{}.txt", ::getpid());
  const std::vector<fs::path> targets = {outside.dir() / "witness.txt", outside.dir() / "new.txt",
                                         kSource / "pwned.txt", kBin / "pwned.txt", in_tmp};
  Submission s("write_outside");
  s.program_env = {{"HOSTILE_WRITE", join(targets)}};
  const ProgramRun run = s.run();
  REQUIRE(run.run);
  CHECK(run.run->succeeded());  // it wrote its own scratch directory without trouble
  if (under_bwrap() || runs_as_other_user()) {
    CHECK(outside.unchanged());
    CHECK_FALSE(fs::exists(kSource / "pwned.txt"));
  } else {
    WARN("fallback mode as the grader's own user: the program can write what the grader can");
  }
  if (under_bwrap()) CHECK_FALSE(fs::exists(in_tmp));  // its /tmp is its own
  for (const fs::path& target : {kSource / "pwned.txt", kBin / "pwned.txt", in_tmp}) fs::remove(target);
  honest_still_passes();
}

TEST_CASE("exit(0) before the checks finish fails the check, however right the answer", "[hostile]") {
  Submission s("early_exit");
  const ProgramRun run = s.run();
  CHECK_FALSE(run.run);
  CHECK(run.outcome == Outcome::failed);
  CHECK_THAT(run.explanation, Catch::Contains("stopped before its checks finished"));
  CHECK(s.answer(run).outcome == Outcome::failed);
  honest_still_passes();
}

TEST_CASE("a gigabyte of output is capped and the check earns nothing", "[hostile]") {
  Submission s("huge_output");
  const auto start = Clock::now();
  const ProgramRun run = s.run(20);
  CHECK(Clock::now() - start < std::chrono::seconds(20));
  if (run.run) {
    CHECK(run.run->truncated);
    CHECK(run.run->out.size() == RunLimits::for_program().output_bytes);
  }
  const CheckResult printed = s.output(20);
  CHECK(printed.outcome != Outcome::passed);
  CHECK(printed.earned == 0);
  honest_still_passes();
}

TEST_CASE("a gigabyte file in the scratch directory is stopped at the file-size limit", "[hostile]") {
  Submission s("huge_file");
  const CheckResult r = s.output(10);
  CHECK(r.outcome == Outcome::crashed);
  CHECK_THAT(r.explanation, Catch::Contains("SIGXFSZ"));
  honest_still_passes();
}

TEST_CASE("sleeping past the timeout with every signal blocked is killed at the timeout", "[hostile]") {
  Submission s("blocked_signals");
  const auto start = Clock::now();
  const CheckResult r = s.output(2);
  CHECK(r.outcome == Outcome::timeout);
  CHECK(r.earned == 0);
  CHECK(Clock::now() - start < std::chrono::seconds(5));
  expect_no_survivors(kBin / "blocked_signals");
  honest_still_passes();
}

TEST_CASE("report lines forged on the report descriptor, with an early end mark, are rejected", "[hostile]") {
  Submission s("forge_report");
  const ProgramRun run = s.run();
  CHECK_FALSE(run.run);
  CHECK_THAT(run.explanation, Catch::Contains("more than one end mark"));
  CHECK(s.answer(run).outcome == Outcome::failed);
  honest_still_passes();
}

TEST_CASE("closing the report channel (stdout in its place) fails the check", "[hostile]") {
  Submission s("close_report");
  const ProgramRun run = s.run();
  CHECK_FALSE(run.run);
  CHECK_THAT(run.explanation, Catch::Contains("stopped before its checks finished"));
  CHECK(s.answer(run).outcome == Outcome::failed);
  honest_still_passes();
}

TEST_CASE("a daemon (double fork + setsid) does not outlive its run nor hold it up", "[hostile]") {
  Submission s("daemonize");
  const auto start = Clock::now();
  const ProgramRun run = s.run(5);
  CHECK(Clock::now() - start < std::chrono::seconds(3));
  CHECK(s.answer(run).outcome == Outcome::passed);  // the program itself was honest
  expect_no_survivors(kBin / "daemonize");
  honest_still_passes();
}

TEST_CASE("a child holding the pipes open does not hold the run up, and is killed", "[hostile]") {
  Submission s("child_holds_pipes");
  const auto start = Clock::now();
  const ProgramRun run = s.run(5);
  CHECK(Clock::now() - start < std::chrono::seconds(3));
  CHECK(s.answer(run).outcome == Outcome::passed);
  CHECK(survivors(kBin / "child_holds_pipes").empty());
  honest_still_passes();
}

TEST_CASE("the grader's environment (tokens, credentials) does not reach the program", "[hostile]") {
  setenv("GCLAB_TEST_CI_TOKEN", "s3cr3t-t0ken", 1);
  Submission s("steal_environment");
  const ProgramRun run = s.run();
  unsetenv("GCLAB_TEST_CI_TOKEN");
  REQUIRE(run.run);
  CHECK_THAT(run.run->out, !Catch::Contains("s3cr3t-t0ken"));
  CHECK_THAT(run.run->out, Catch::Contains("ENV GCLAB_REPORT_FD=3"));  // what it is given, it sees
  honest_still_passes();
}

TEST_CASE("the program cannot reach the network, not even the grader's loopback", "[hostile]") {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(listener >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(listener, 4) == 0);
  REQUIRE(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  Submission s("network");
  s.program_env = {{"HOSTILE_PORT", std::to_string(ntohs(address.sin_port))}};
  const ProgramRun run = s.run();
  close(listener);
  REQUIRE(run.run);
  if (under_bwrap()) CHECK_THAT(run.run->out, !Catch::Contains("CONNECTED"));
  else WARN("fallback mode: the program shares the grader's network");
  honest_still_passes();
}

TEST_CASE("the program cannot kill the grader", "[hostile]") {
  if (!under_bwrap() && !runs_as_other_user()) {
    WARN("fallback mode as the grader's own user: not run, the program could kill this test");
    return;
  }
  Submission s("kill_grader");
  const ProgramRun run = s.run();
  REQUIRE(run.run);  // we are still here to see it
  CHECK(run.run->succeeded());
  honest_still_passes();
}

// ---- attacks on the compiler ----

namespace {

/// A scratch directory for one submission's compile, with `source` in it as submission.cpp.
class CompileScratch {
 public:
  explicit CompileScratch(const std::string& source) : dir_(kBuild / fmt::format("hostile-compile-{}", ::getpid())) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::ofstream(dir_ / "submission.cpp") << source;
  }
  ~CompileScratch() { fs::remove_all(dir_); }
  CompileScratch(const CompileScratch&) = delete;
  CompileScratch& operator=(const CompileScratch&) = delete;
  const fs::path& dir() const { return dir_; }

 private:
  fs::path dir_;
};

BuildResult compile(const CompileScratch& scratch, RunLimits limits = RunLimits::for_compile()) {
  return compile_in_sandbox({"/usr/bin/g++", "-std=c++20", "-c", "submission.cpp", "-o", "submission.o"}, {},
                            scratch.dir(), limits);
}

}  // namespace

TEST_CASE("an honest submission compiles in the sandbox and its program runs isolated", "[hostile][compile]") {
  CompileScratch scratch(read_all(kCompileSources / "honest.cpp"));
  const BuildResult built = compile_in_sandbox({"/usr/bin/g++", "-std=c++20", "submission.cpp", "-o", "program"}, {},
                                               scratch.dir());
  INFO(built.log);
  REQUIRE(built.ok);
  RunRequest request;
  request.argv = {(scratch.dir() / "program").string()};
  request.limits = RunLimits::for_program();
  Isolation isolation;
  isolation.read_only = {scratch.dir() / "program"};
  request.isolation = isolation;
  const RunResult run = run_sandboxed(request);
  CHECK(run.succeeded());
  CHECK(run.out == "hello\nworld\n");
}

TEST_CASE("#include of a solution, a hidden rubric or another submission fails to compile", "[hostile][compile]") {
  Outside other_submission;
  std::ofstream(other_submission.dir() / "exercise.cpp") << "int other_students_answer = 42;\n";
  for (const fs::path& secret : {kSource / "solutions" / "02.1-getrefcount" / "solution.cpp",
                                 kSource / "grader" / "hidden" / "02.1-getrefcount.yaml",
                                 other_submission.dir() / "exercise.cpp"}) {
    REQUIRE(fs::exists(secret));
    CompileScratch scratch(fmt::format("#include \"{}\"\nint main() {{}}\n", secret.string()));
    const BuildResult built = compile(scratch);
    INFO(secret << "\n" << built.log);
    if (!under_bwrap()) {
      WARN("fallback mode: the compiler can read " + secret.string());
      continue;
    }
    CHECK_FALSE(built.ok);
    CHECK_THAT(built.log, Catch::Contains("No such file or directory"));
    CHECK_THAT(built.log, !Catch::Contains(first_line(secret)));  // nothing of it in the error shown
  }
  CompileScratch honest(read_all(kCompileSources / "honest.cpp"));
  CHECK(compile(honest).ok);
}

TEST_CASE("embedding a solution's binary with .incbin fails to assemble", "[hostile][compile]") {
  const fs::path solution_program = kBuild / "solutions" / "bin" / "02.1-getrefcount";
  REQUIRE(fs::exists(solution_program));
  CompileScratch scratch(fmt::format("asm(\".section .rodata\\n.incbin \\\"{}\\\"\\n.text\");\nint main() {{}}\n",
                                     solution_program.string()));
  const BuildResult built = compile(scratch);
  INFO(built.log);
  if (under_bwrap()) CHECK_FALSE(built.ok);
  else WARN("fallback mode: the assembler can read the solution's program");
}

TEST_CASE("a template bomb is stopped by the compile limits", "[hostile][compile]") {
  CompileScratch scratch(read_all(kCompileSources / "template_bomb.cpp"));
  RunLimits limits = RunLimits::for_compile();
  limits.timeout = std::chrono::seconds(4);
  limits.cpu_seconds = 4;
  limits.memory_bytes = std::size_t{1} << 30;
  const auto start = Clock::now();
  const BuildResult built = compile(scratch, limits);
  CHECK_FALSE(built.ok);
  CHECK(Clock::now() - start < std::chrono::seconds(8));
  CompileScratch honest(read_all(kCompileSources / "honest.cpp"));
  CHECK(compile(honest).ok);
}

TEST_CASE("a constant expression that never ends is stopped by the compile timeout", "[hostile][compile]") {
  CompileScratch scratch(read_all(kCompileSources / "constexpr_spin.cpp"));
  RunLimits limits = RunLimits::for_compile();
  limits.timeout = std::chrono::seconds(3);
  const auto start = Clock::now();
  const BuildResult built = compile(scratch, limits);
  CHECK_FALSE(built.ok);
  CHECK(built.timed_out);
  CHECK(Clock::now() - start < std::chrono::seconds(6));
  CompileScratch honest(read_all(kCompileSources / "honest.cpp"));
  CHECK(compile(honest).ok);
}
