#include "checks/run_program.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <optional>

#include "runner/signal_name.hpp"
#include "text/lines.hpp"

namespace gclab::grader {

namespace {

std::string explain_signal(int signal, Lang lang) {
  const std::string name = signal_name(signal);
  switch (signal) {
    case SIGSEGV:
      return fmt::format("{} ({})", name, tr(lang, "잘못된 메모리 접근: 해제된 객체나 null Ref를 썼는지 보세요",
                                             "invalid memory access: a freed object or a null Ref?"));
    case SIGABRT:
      return fmt::format("{} ({})", name, tr(lang, "abort: 잡히지 않은 예외나 실패한 assert",
                                             "abort: an uncaught exception or a failed assertion"));
    case SIGFPE: return fmt::format("{} ({})", name, tr(lang, "0으로 나누기", "division by zero"));
    default: return name;
  }
}

/// The line in which a sanitizer says why it stopped the program, if it did. Under ASan and UBSan
/// a null dereference or a wild write never becomes SIGSEGV: UBSan reports "runtime error: store to
/// null pointer", ASan "ERROR: AddressSanitizer: SEGV on unknown address" (or "AddressSanitizer:
/// hard rss limit exhausted"), then the program exits with status 1 or aborts -- it crashed all
/// the same. (A program that prints such a line and fails is taken for a crash: that earns
/// nothing either.)
std::optional<std::string> sanitizer_stop(const RunResult& run) {
  if (run.end != RunResult::End::signaled && (run.end != RunResult::End::exited || run.exit_code == 0)) return std::nullopt;
  for (const std::string* text : {&run.err, &run.out})
    for (const std::string& line : split_lines(*text))
      for (const char* marker : {"AddressSanitizer: ", "LeakSanitizer: ", ": runtime error: "})
        if (line.find(marker) != std::string::npos) return line;
  return std::nullopt;
}

}  // namespace

ProgramRun build_failure(const BuildResult& build, Lang lang) {
  if (build.timed_out)
    return {std::nullopt, Outcome::timeout, tr(lang, "빌드가 너무 오래 걸려 중단했습니다", "the build took too long and was stopped")};
  return {std::nullopt, Outcome::build_error,
          tr(lang, "컴파일러의 첫 오류:\n", "the compiler's first error:\n") + indent(build.first_error)};
}

RunLimits limits_for(const Check& check, const CheckEnv& env) {
  RunLimits limits = RunLimits::for_program();
  limits.timeout = std::chrono::seconds(check.timeout_seconds);
  limits.cpu_seconds = static_cast<unsigned>(check.timeout_seconds);
  limits.memory_bytes = env.memory_limits ? static_cast<std::size_t>(check.memory_mib) << 20 : 0;
  return limits;
}

ProgramRun build_and_run(CheckEnv& env, const Check& check, const std::string& target,
                         const std::filesystem::path& program, const ProgramCall& call) {
  const Lang lang = env.lang;
  if (!target.empty()) {
    const BuildResult build = env.builder.build(target);
    if (!build.ok) return build_failure(build, lang);
  }
  // Bound at its own path in the sandbox: an absolute path, whatever the caller's cwd.
  const std::filesystem::path executable = std::filesystem::absolute(program);
  RunRequest request;
  request.argv.push_back(executable.string());
  request.argv.insert(request.argv.end(), call.args.begin(), call.args.end());
  request.env = call.env;
  if (!env.memory_limits) {
    // No RLIMIT_AS under the sanitizers (their shadow memory): their own watchdog stops a program
    // whose resident memory passes the check's limit instead.
    const char* options = std::getenv("ASAN_OPTIONS");
    request.env.emplace_back("ASAN_OPTIONS", fmt::format("{}{}hard_rss_limit_mb={}", options ? options : "",
                                                         options && *options ? ":" : "", check.memory_mib));
  }
  request.merge_stderr = call.merge_stderr;
  request.limits = limits_for(check, env);
  Isolation isolation;
  isolation.read_only = {executable};
  request.isolation = isolation;
  request.report_channel = call.report_channel;
  RunResult run = run_sandboxed(request);

  if (run.end == RunResult::End::not_started) return {std::nullopt, Outcome::failed, run.err};
  if (ran_out_of_cpu(run))
    return {std::nullopt, Outcome::timeout,
            tr(lang, fmt::format("CPU 시간 {}초를 다 써서 중단했습니다 (무한 루프?)", check.timeout_seconds),
               fmt::format("used up its {} s of CPU time and was stopped (an endless loop?)", check.timeout_seconds))};
  if (run.end == RunResult::End::timed_out)
    return {std::nullopt, Outcome::timeout,
            tr(lang, fmt::format("{}초 안에 끝나지 않아 중단했습니다 (무한 루프?)", check.timeout_seconds),
               fmt::format("did not finish within {} s and was stopped (an endless loop?)", check.timeout_seconds))};
  if (ran_out_of_memory(run, request.limits))
    return {std::nullopt, Outcome::memory_limit,
            tr(lang, fmt::format("메모리 한도 {} MiB를 넘었습니다 (끝없이 자라는 컨테이너?)", check.memory_mib),
               fmt::format("went over its {} MiB memory limit (a container that grows without end?)", check.memory_mib))};
  if (const auto stop = sanitizer_stop(run))
    return {std::nullopt, Outcome::crashed,
            tr(lang, "새니타이저가 프로그램을 멈췄습니다:", "was stopped by the sanitizer:") +
                "\n" + indent(*stop)};
  if (run.end == RunResult::End::signaled) {
    std::string text = tr(lang, "신호를 받고 죽었습니다: ", "was killed by ") + explain_signal(run.signal, lang);
    const std::string tail = last_lines(call.merge_stderr ? run.out : run.err, 3);
    if (!tail.empty()) text += "\n" + indent(tail);
    return {std::nullopt, Outcome::crashed, text};
  }
  if (call.report_channel && run.succeeded())
    if (auto unfinished = unfinished_report(run, lang)) return {std::nullopt, Outcome::failed, *unfinished};
  return {std::move(run), Outcome::passed, {}};
}

std::optional<std::string> unfinished_report(const RunResult& run, Lang lang) {
  std::size_t done_lines = 0;
  bool last_is_done = false;
  for (const std::string& line : split_lines(run.report)) {
    if (line.empty()) continue;
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    last_is_done = record.is_object() && record.value("kind", nlohmann::json()) == "done";
    done_lines += last_is_done;
  }
  if (last_is_done && done_lines == 1) return std::nullopt;
  if (done_lines > 1)
    return tr(lang, "보고 채널에 끝 표시가 두 번 이상 있습니다: 프로그램이 채점기의 보고를 흉내 냈습니다",
              "the report channel carries more than one end mark: the program imitated the grader's report");
  return tr(lang,
            "프로그램이 검사가 끝나기 전에 멈췄습니다 (상태 0으로 끝났어도): 모든 셀이 끝까지 실행되어야 합니다. "
            "exit()를 부르거나 보고 채널을 닫았나요?",
            "the program stopped before its checks finished (even though it exited with status 0): every cell "
            "must run to its end. Does it call exit() or close the report channel?");
}

std::string explain_exit_status(const RunResult& run, Lang lang) {
  std::string text = tr(lang, fmt::format("프로그램이 상태 {}(으)로 끝났습니다", run.exit_code),
                        fmt::format("the program exited with status {}", run.exit_code));
  const std::string tail = last_lines(run.err.empty() ? run.out : run.err, 3);
  if (!tail.empty()) text += ":\n" + indent(tail);
  return text;
}

}  // namespace gclab::grader
