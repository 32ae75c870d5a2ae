// The two languages of the course. Every message a student reads exists in Korean (the course's
// language) and English; the rubric's texts carry both too.
#pragma once

#include <string>
#include <string_view>

namespace gclab::grader {

enum class Lang { ko, en };

/// The language the locale asks for: ko if LC_ALL, else LC_MESSAGES, else LANG starts with "ko";
/// en otherwise (the first of the three that is set and non-empty decides, as POSIX does).
Lang lang_from_environment();

/// Parses "ko" / "en"; anything else is en.
Lang parse_lang(std::string_view name);

/// A text in both languages, as rubrics write it: {ko: "...", en: "..."}.
struct Localized {
  std::string ko;
  std::string en;
  const std::string& in(Lang lang) const { return lang == Lang::ko ? ko : en; }
  bool empty() const { return ko.empty() && en.empty(); }
};

/// Picks one of a message's two renderings; messages are written side by side at the call site,
/// so a reader sees both and neither can be forgotten.
inline std::string tr(Lang lang, std::string_view ko, std::string_view en) {
  return std::string(lang == Lang::ko ? ko : en);
}

}  // namespace gclab::grader
