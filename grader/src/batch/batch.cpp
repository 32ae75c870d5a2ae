#include "batch/batch.hpp"

#include <fmt/format.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "batch/check_key.hpp"
#include "batch/gradebook.hpp"
#include "batch/submission.hpp"
#include "batch/submission_builder.hpp"
#include "batch/template_build.hpp"
#include "checks/grade.hpp"
#include "course/course.hpp"
#include "runner/temp_dir.hpp"

namespace gclab::grader::batch {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct ExerciseRubric {
  Rubric rubric;
  std::vector<std::string> hashes;  ///< check_hashes(rubric.checks)
};

class KnownOnlyBuilder : public Builder {
 public:
  BuildResult build(const std::string& target) override {
    throw std::logic_error("batch: asked to build " + target + " although every result was known");
  }
};

/// One exercise of one staged submission: the unit of work of a worker.
struct Task {
  std::size_t submission;
  std::size_t exercise;
};

/// The results the gradebook already has for this exercise's files, by check id.
std::map<std::string, CheckResult> known_results(const Gradebook& book, const ExerciseRubric& er, const std::string& exercise_hash) {
  std::map<std::string, CheckResult> known;
  for (std::size_t i = 0; i < er.rubric.checks.size(); ++i)
    if (auto r = book.find(exercise_hash, er.hashes[i])) known[er.rubric.checks[i].id] = *r;
  return known;
}

}  // namespace

report::BatchReport grade_batch(const BatchOptions& options, BatchStats& stats,
                                const std::function<void(const BatchProgress&)>& on_progress) {
  const auto start = Clock::now();
  const Course course(options.course_root, options.build_dir);
  // The sanitizers' shadow memory cannot live under RLIMIT_AS: their builds limit resident memory.
  const bool memory_limits = !course.sanitized();
  const std::vector<std::string> exercises = options.exercises.empty() ? course.exercises() : options.exercises;

  std::vector<ExerciseRubric> rubrics;
  for (const std::string& ex : exercises) {
    Rubric rubric = course.rubric(ex, true);
    std::vector<std::string> hashes = check_hashes(rubric.checks, options.lang);
    rubrics.push_back({std::move(rubric), std::move(hashes)});
  }

  std::vector<SubmissionSource> sources;
  std::set<std::string> ids;
  for (SubmissionSource& source : find_submissions(options.submissions, exercises)) {
    if (!ids.insert(source.id).second) throw std::invalid_argument(fmt::format("two submissions are named '{}'", source.id));
    if (!options.shard || in_shard(source.id, *options.shard)) sources.push_back(std::move(source));
  }

  report::BatchReport report;
  const TempDir scratch("gclab-batch");
  // Compiles and programs run as an unprivileged user when the grader is root: they must be able
  // to reach their submission's staged files (under bubblewrap they see no other).
  fs::permissions(scratch.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                      fs::perms::others_read | fs::perms::others_exec);
  std::vector<Submission> staged;
  for (const SubmissionSource& source : sources) {
    report::SubmissionReport sub{source.id, source.origin, {}, {}, {}};
    try {
      // A folder per submission by position: two ids may make the same file name ("a b", "a_b").
      staged.push_back(stage(source, options.course_root, exercises, scratch.path() / std::to_string(staged.size())));
      sub.origin = staged.back().origin;
      sub.content_hash = staged.back().content_hash;
      for (const std::string& ex : exercises)
        sub.exercises.push_back({rubrics[sub.exercises.size()].rubric.title.in(options.lang), {ex, {}}, 0, {}});
    } catch (const std::exception& e) {
      staged.push_back({source.id, source.origin, {}, {}, {}, {}, {}});
      sub.error = e.what();
    }
    report.submissions.push_back(std::move(sub));
  }

  Gradebook book(options.gradebook);
  std::vector<Task> tasks;
  bool needs_building = false;
  for (std::size_t s = 0; s < staged.size(); ++s) {
    if (!report.submissions[s].error.empty()) continue;
    for (std::size_t e = 0; e < exercises.size(); ++e) {
      tasks.push_back({s, e});
      if (staged[s].attempts.at(exercises[e]) != Attempt::attempted) continue;  // nothing to build
      const bool complete = known_results(book, rubrics[e], staged[s].exercise_hashes.at(exercises[e])).size() == rubrics[e].rubric.checks.size();
      needs_building = needs_building || options.regrade.count(staged[s].id) != 0 || !complete;
    }
  }
  // The template is built and read only when something is to be graded: a rerun over a graded
  // class is a few lookups.
  std::optional<TemplateBuild> templ;
  if (needs_building) {
    templ = TemplateBuild::prepare(options.build_dir, exercises);
  }

  BuildCounters counters;
  std::mutex mutex;  // guards stats, the shared reference runs and progress
  std::map<std::string, std::map<std::string, RunResult>> reference_runs;  // by exercise
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;

  auto grade_task = [&](const Task& task) {
    const Submission& sub = staged[task.submission];
    const ExerciseRubric& er = rubrics[task.exercise];
    const std::string& ex = exercises[task.exercise];
    const std::string& exercise_hash = sub.exercise_hashes.at(ex);
    report::ExerciseReport& out = report.submissions[task.submission].exercises[task.exercise];
    const auto task_start = Clock::now();

    const Attempt attempt = sub.attempts.at(ex);
    std::map<std::string, CheckResult> known;
    if (options.regrade.count(sub.id) == 0 && attempt == Attempt::attempted) known = known_results(book, er, exercise_hash);
    // Handed in as the stub, or not at all: nothing to build or run, and nothing earned.
    const bool all_known = attempt != Attempt::attempted || known.size() == er.rubric.checks.size();
    try {
      // Every result known: grade() only assembles them, and must build nothing.
      KnownOnlyBuilder known_only;
      std::optional<SubmissionBuilder> builder;
      if (!all_known) builder.emplace(*templ, options.cache_dir, ex,
                        CompileContext{templ->source_root(), options.build_dir, sub.root / "exercises" / ex, options.cache_dir,
                                       sub.root / "build" / ex, sub.root},
                        exercise_hash, counters);
      CheckEnv env{builder ? static_cast<Builder&>(*builder) : known_only,
                   {ex, sub.root / "exercises" / ex, target_name(Against::exercise, ex), builder ? builder->program() : fs::path()},
                   course.subject(ex, Against::solution),
                   options.build_dir,
                   sub.root,
                   options.lang,
                   memory_limits,
                   {}};
      {
        std::lock_guard lock(mutex);
        env.reference_runs = reference_runs[ex];
      }
      GradeReport graded = attempt == Attempt::attempted ? grade(ex, er.rubric.checks, env, {}, known)
                                                         : not_attempted(ex, er.rubric.checks, attempt, options.lang);
      {
        std::lock_guard lock(mutex);
        reference_runs[ex].merge(env.reference_runs);
      }
      ExerciseRecord record{sub.id, sub.origin, sub.content_hash, ex, exercise_hash, {}};
      for (std::size_t i = 0; i < graded.results.size(); ++i) record.results.emplace_back(er.hashes[i], graded.results[i]);
      book.record(std::move(record));
      out.grade = std::move(graded);
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    out.seconds = all_known ? 0 : seconds_since(task_start);

    std::lock_guard lock(mutex);
    stats.checks_reused += static_cast<int>(known.size());
    if (out.error.empty() && attempt == Attempt::attempted) stats.checks_run += static_cast<int>(er.rubric.checks.size() - known.size());
    if (!all_known) {
      stats.exercise_seconds[ex] += out.seconds;
      stats.exercise_graded[ex] += 1;
    }
    ++done;
    if (on_progress) on_progress({done, tasks.size(), sub.id, ex});
  };

  auto worker = [&] {
    for (std::size_t i = next++; i < tasks.size(); i = next++) grade_task(tasks[i]);
  };
  std::vector<std::thread> workers;
  for (int j = 1; j < std::max(1, options.jobs); ++j) workers.emplace_back(worker);
  worker();
  for (std::thread& t : workers) t.join();
  book.flush();

  stats.compiled = counters.compiled;
  stats.linked = counters.linked;
  stats.cache_hits = counters.cache_hits;
  report.seconds = seconds_since(start);
  return report;
}

}  // namespace gclab::grader::batch
