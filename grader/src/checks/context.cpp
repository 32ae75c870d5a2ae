#include "checks/context.hpp"

namespace gclab::grader {

CheckEnv env_for(Builder& builder, const Course& course, const std::string& exercise, Against against, Lang lang) {
  return CheckEnv{builder,
                  course.subject(exercise, against),
                  course.subject(exercise, Against::solution),
                  course.build_dir(),
                  course.root(),
                  lang,
                  !course.sanitized(),
                  {}};
}

}  // namespace gclab::grader
