// gclab release <out-dir>: the student course, written from the full course (release/release.hpp):
// a git repository of one commit, with no reference answer in it, that an instructor pushes as a
// GitHub Classroom template or zips for an LMS.
#include <fmt/format.h>

#include "cli/app.hpp"
#include "release/release.hpp"

namespace gclab::grader::cli {

namespace {

struct ReleaseCommand {
  std::string out;
  std::vector<std::string> exercises;
  std::string title;
  std::string readme_lang = "both";
  bool classroom = false;
};

int run_release(App& app, const ReleaseCommand& command) {
  app.require_full_course("release");
  app.require_build_dir();
  release::Options options;
  options.out = command.out;
  for (const std::string& typed : command.exercises) options.exercises.push_back(app.resolve(typed));
  // Course order, whatever the order typed; each once.
  std::vector<std::string> chosen;
  for (const std::string& ex : app.course().exercises())
    if (std::find(options.exercises.begin(), options.exercises.end(), ex) != options.exercises.end()) chosen.push_back(ex);
  options.exercises = chosen;
  options.title = command.title;
  options.readme_lang = command.readme_lang == "ko"   ? release::ReadmeLang::ko
                        : command.readme_lang == "en" ? release::ReadmeLang::en
                                                      : release::ReadmeLang::both;
  options.classroom = command.classroom;

  release::Summary summary;
  try {
    summary = release::write_student_course(app.course(), app.builder(), options, app.lang());
  } catch (const release::ReleaseError& e) {
    throw EnvironmentError(e.what());
  } catch (const release::MarkerError& e) {
    throw EnvironmentError(e.what());
  }
  fmt::print("{}\n", tr(app.lang(),
                        fmt::format("{}: 학생용 과정 (연습 {}개, 파일 {}개, 기록한 기대 출력 {}개), 커밋 {}",
                                    command.out, summary.exercises.size(), summary.files, summary.recorded_outputs, summary.commit.substr(0, 12)),
                        fmt::format("{}: the student course ({} exercises, {} files, {} recorded expected outputs), commit {}",
                                    command.out, summary.exercises.size(), summary.files, summary.recorded_outputs, summary.commit.substr(0, 12))));
  fmt::print("{}\n", tr(app.lang(), "다음: 그 폴더를 GitHub Classroom 템플릿 저장소로 올리거나 (git push), zip으로 묶어 나눠 주세요.",
                        "Next: push that folder as a GitHub Classroom template repository (git push), or zip it for your LMS."));
  return kOk;
}

}  // namespace

void add_release_command(CLI::App& cli, App& app) {
  auto command = std::make_shared<ReleaseCommand>();
  CLI::App* cmd = cli.add_subcommand("release", "instructors: write the student course (no answers in it) into a new folder");
  cmd->add_option("out-dir", command->out, "a new folder for the student course")->required();
  cmd->add_option("--exercise", command->exercises, "only these exercises (repeatable; default: all)");
  cmd->add_option("--title", command->title, "the course's title in the student README");
  cmd->add_option("--readme-lang", command->readme_lang, "the student README's language: ko, en or both (default)")
      ->check(CLI::IsMember({"ko", "en", "both"}));
  cmd->add_flag("--classroom", command->classroom, "also a GitHub Classroom autograding workflow (.github/workflows/classroom.yml)");
  cmd->callback([&app, command] { app.exit_code = run_release(app, *command); });
}

}  // namespace gclab::grader::cli
