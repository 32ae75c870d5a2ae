#include "checks/run_program.hpp"

#include <fmt/format.h>

#include <csignal>

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

}  // namespace

ProgramRun build_failure(const BuildResult& build, Lang lang) {
  if (build.timed_out)
    return {std::nullopt, Outcome::timeout, tr(lang, "빌드가 너무 오래 걸려 중단했습니다", "the build took too long and was stopped")};
  return {std::nullopt, Outcome::build_error,
          tr(lang, "컴파일러의 첫 오류:\n", "the compiler's first error:\n") + indent(build.first_error)};
}

RunLimits limits_for(const Check& check, const CheckEnv& env) {
  RunLimits limits;
  limits.timeout = std::chrono::seconds(check.timeout_seconds);
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
  RunRequest request;
  request.argv.push_back(program.string());
  request.argv.insert(request.argv.end(), call.args.begin(), call.args.end());
  request.env = call.env;
  request.merge_stderr = call.merge_stderr;
  request.limits = limits_for(check, env);
  RunResult run = run_sandboxed(request);

  if (run.end == RunResult::End::not_started) return {std::nullopt, Outcome::failed, run.err};
  if (run.end == RunResult::End::timed_out)
    return {std::nullopt, Outcome::timeout,
            tr(lang, fmt::format("{}초 안에 끝나지 않아 중단했습니다 (무한 루프?)", check.timeout_seconds),
               fmt::format("did not finish within {} s and was stopped (an endless loop?)", check.timeout_seconds))};
  if (ran_out_of_memory(run, request.limits))
    return {std::nullopt, Outcome::memory_limit,
            tr(lang, fmt::format("메모리 한도 {} MiB를 넘었습니다 (끝없이 자라는 컨테이너?)", check.memory_mib),
               fmt::format("went over its {} MiB memory limit (a container that grows without end?)", check.memory_mib))};
  if (run.end == RunResult::End::signaled) {
    std::string text = tr(lang, "신호를 받고 죽었습니다: ", "was killed by ") + explain_signal(run.signal, lang);
    const std::string tail = last_lines(call.merge_stderr ? run.out : run.err, 3);
    if (!tail.empty()) text += "\n" + indent(tail);
    return {std::nullopt, Outcome::crashed, text};
  }
  return {std::move(run), Outcome::passed, {}};
}

std::string explain_exit_status(const RunResult& run, Lang lang) {
  std::string text = tr(lang, fmt::format("프로그램이 상태 {}(으)로 끝났습니다", run.exit_code),
                        fmt::format("the program exited with status {}", run.exit_code));
  const std::string tail = last_lines(run.err.empty() ? run.out : run.err, 3);
  if (!tail.empty()) text += ":\n" + indent(tail);
  return text;
}

}  // namespace gclab::grader
