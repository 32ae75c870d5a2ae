// gclab grade <submissions> [--format terminal|json|gradescope|junit] ...: grade a class (or one
// submission) against the trusted course, resumably, in parallel. Instructors and CI only.
#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include "batch/batch.hpp"
#include "batch/progress_bar.hpp"
#include "cli/app.hpp"
#include "cli/print_report.hpp"
#include "html/class_report.hpp"
#include "report/formats.hpp"
#include "rubric/error.hpp"
#include "runner/isolation.hpp"

namespace gclab::grader::cli {

namespace fs = std::filesystem;

namespace {

struct GradeOptions {
  std::string submissions;
  std::string rubric;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string format = "terminal";
  std::string output;
  std::string html;  ///< also write the class overview and a page per submission in this folder
  std::string gradebook = "gclab-gradebook.sqlite";
  std::string cache;
  std::string shard;
  std::vector<std::string> regrade;
  std::vector<std::string> exercises;
  bool stats = false;
};

void print_terminal(const report::BatchReport& report, const Style& style) {
  if (!report.isolation.empty()) fmt::print("{}\n", style.dim(report.isolation));
  for (const report::SubmissionReport& s : report.submissions) {
    fmt::print("{}\n", style.bold(fmt::format("== {} ({})", s.id, s.origin)));
    if (!s.error.empty()) fmt::print("  {}\n", style.red(tr(style.lang, "읽을 수 없음: ", "cannot be read: ") + s.error));
    for (const report::ExerciseReport& e : s.exercises) {
      ReportPrinter printer(style);
      printer.header(e.grade.exercise, e.title);
      for (const CheckResult& r : e.grade.results) printer.result(r);
      if (!e.error.empty()) fmt::print("  {}\n", style.red(tr(style.lang, "채점기 오류: ", "grader error: ") + e.error));
      printer.summary(e.grade);
    }
    if (const std::string note = report::attempt_note(s, style.lang); !note.empty()) fmt::print("{}\n", style.yellow(note));
    if (s.error.empty())
      fmt::print("{}\n\n", style.bold(fmt::format("{} {}: {}", tr(style.lang, "합계", "total"), s.id, format_points(s.earned(), s.possible()))));
  }
  if (!report.error.empty()) fmt::print("{}\n", style.red(tr(style.lang, "채점기 오류: ", "grader error: ") + report.error));
}

std::string render(const report::BatchReport& report, const std::string& format, Lang lang) {
  if (format == "json") return report::to_json(report, lang);
  if (format == "gradescope") return report::to_gradescope(report, lang);
  return report::to_junit(report, lang);
}

void print_stats(const batch::BatchStats& stats, const report::BatchReport& report) {
  fmt::print(stderr, "gclab grade: {} submissions in {:.1f} s; checks graded {}, from the gradebook {}; compiles {}, links {}, cache hits {}\n",
             report.submissions.size(), report.seconds, stats.checks_run, stats.checks_reused, stats.compiled, stats.linked, stats.cache_hits);
  for (const auto& [ex, seconds] : stats.exercise_seconds)
    fmt::print(stderr, "  {:<28} {:>4} graded  {:7.3f} s each\n", ex, stats.exercise_graded.at(ex), seconds / stats.exercise_graded.at(ex));
}

int run_grade(App& app, const GradeOptions& o) {
  const Lang lang = app.lang();
  report::BatchReport report;
  batch::BatchStats stats;
  int code = kOk;
  // Everything after this point ends in a written report, whatever fails.
  try {
    app.require_build_dir();
    // The trusted course grades: its solutions and hidden checks, which a student course has not.
    app.require_full_course("grade", o.rubric.empty() ? app.course() : Course(fs::absolute(o.rubric), app.course().build_dir()));
    batch::BatchOptions options;
    options.submissions = o.submissions;
    options.course_root = fs::absolute(o.rubric.empty() ? app.course().root() : fs::path(o.rubric));
    options.build_dir = fs::absolute(app.course().build_dir());
    options.gradebook = fs::absolute(o.gradebook);
    options.cache_dir = fs::absolute(o.cache.empty() ? options.gradebook.string() + ".cache" : o.cache);
    fs::create_directories(options.cache_dir);
    for (const std::string& typed : o.exercises) options.exercises.push_back(app.resolve(typed));
    options.jobs = o.jobs;
    if (!o.shard.empty()) options.shard = batch::parse_shard(o.shard);
    options.regrade.insert(o.regrade.begin(), o.regrade.end());
    options.lang = lang;
    const std::string isolation = describe(sandbox_status());

    batch::ProgressBar bar(stderr, isatty(STDERR_FILENO) != 0);
    report = batch::grade_batch(options, stats, [&bar](const batch::BatchProgress& p) { bar.update(p); });
    bar.finish();
    report.isolation = isolation;
    code = report.faulted() ? kFault : std::all_of(report.submissions.begin(), report.submissions.end(), [](const auto& s) { return s.all_passed(); }) ? kOk : kNotPassed;
  } catch (const RubricError& e) {
    report.error = e.what();
    code = kBadRubric;
  } catch (const UsageError& e) {
    report.error = e.what();
    code = kUsage;
  } catch (const std::invalid_argument& e) {
    report.error = e.what();
    code = kUsage;
  } catch (const EnvironmentError& e) {
    report.error = e.what();
    code = kEnvironment;
  } catch (const std::exception& e) {
    report.error = e.what();
    code = kFault;
  }
  if (!report.error.empty()) fmt::print(stderr, "gclab grade: {}\n", report.error);
  if (o.stats) print_stats(stats, report);
  // On stderr: standard output is the report itself.
  if (!o.html.empty()) {
    try {
      const fs::path index = html::write_class_report(report, lang, o.html);
      fmt::print(stderr, "{} file://{}\n", tr(lang, "HTML 보고서:", "HTML report:"), fs::absolute(index).string());
    } catch (const std::exception& e) {
      fmt::print(stderr, "gclab grade: {}\n", e.what());
      code = kFault;
    }
  }

  // The report replaces standard output, so the terminal format's printer writes there too.
  if (!o.output.empty() && std::freopen(o.output.c_str(), "w", stdout) == nullptr) {
    fmt::print(stderr, "gclab grade: cannot write {}\n", o.output);
    return kFault;
  }
  if (o.format == "terminal") print_terminal(report, Style{lang, o.output.empty() && app.color()});
  else fmt::print("{}", render(report, o.format, lang));
  std::fflush(stdout);
  // Gradescope reads the score from results.json; a non-zero status would only hide it.
  return o.format == "gradescope" ? kOk : code;
}

}  // namespace

void add_grade_command(CLI::App& cli, App& app) {
  auto o = std::make_shared<GradeOptions>();
  CLI::App* cmd = cli.add_subcommand("grade", "instructors, CI: grade submissions (a folder of them, a zip, a list, repo@commit)");
  cmd->add_option("submissions", o->submissions, "a submission or a folder of them, a .zip, a list file, or repo@commit")->required();
  cmd->add_option("--rubric", o->rubric, "the trusted course whose rubrics, stubs and solutions grade (default: this course)");
  cmd->add_option("--jobs,-j", o->jobs, "submissions graded at once (default: the number of cores)")->check(CLI::Range(1, 256));
  cmd->add_option("--format", o->format, "terminal (default), json, gradescope or junit")
      ->check(CLI::IsMember({"terminal", "json", "gradescope", "junit"}));
  cmd->add_option("--output,-o", o->output, "write the report here (default: standard output)");
  cmd->add_option("--html", o->html, "also write the class overview (index.html) and a page per submission in this folder");
  cmd->add_option("--gradebook", o->gradebook, "the SQLite gradebook (default: ./gclab-gradebook.sqlite)");
  cmd->add_option("--cache", o->cache, "the compile cache (default: <gradebook>.cache)");
  cmd->add_option("--shard", o->shard, "grade only part i of n of the submissions, e.g. 2/4");
  cmd->add_option("--regrade", o->regrade, "grade this submission again whatever the gradebook holds (repeatable)");
  cmd->add_option("--exercise", o->exercises, "grade only these exercises (repeatable; default: all)");
  cmd->add_flag("--stats", o->stats, "print what was graded, reused and compiled, and the time per exercise, on stderr");
  cmd->callback([&app, o] { app.exit_code = run_grade(app, *o); });
}

}  // namespace gclab::grader::cli
