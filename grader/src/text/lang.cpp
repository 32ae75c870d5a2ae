#include "text/lang.hpp"

#include <cstdlib>

namespace gclab::grader {

Lang lang_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') return std::string_view(value).starts_with("ko") ? Lang::ko : Lang::en;
  }
  return Lang::en;
}

Lang parse_lang(std::string_view name) { return name == "ko" ? Lang::ko : Lang::en; }

}  // namespace gclab::grader
