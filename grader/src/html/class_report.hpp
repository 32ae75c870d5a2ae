// `gclab grade --html <dir>`: the class's results as a static folder an instructor opens from disk
// or archives -- index.html, the class overview (per check, how the class scored; the submissions
// with their totals), and submissions/<id>.html, each the page `gclab check --html` shows a
// student (page.hpp), with the way back to the overview.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "report/report.hpp"
#include "text/lang.hpp"

namespace gclab::grader::html {

/// A range of scores on one check and how many submissions scored in it.
struct ScoreBucket {
  std::string label;  ///< "3" (3 <= earned < 4), "20–30" (20 <= earned < 30), or full marks alone: "4"
  int count = 0;
};

/// The histogram of one check's scores: buckets of one point up to 10 points, else tenths of
/// the points; the last bucket is full marks alone.
std::vector<ScoreBucket> score_buckets(int points, const std::vector<double>& earned);

/// Each submission's page file, relative to the folder: submissions/<id>.html with the id's
/// characters outside [A-Za-z0-9._-] as '_' (suffixed -2, -3, ... where two ids meet), in the
/// report's order.
std::vector<std::string> submission_pages(const report::BatchReport& report);

/// index.html: per exercise and check, the number of submissions graded, passed, the mean and the
/// histogram (HTML and CSS bars, each bucket's count written under it); then every submission with
/// its origin and total, linking to `pages` (submission_pages()).
std::string class_index(const report::BatchReport& report, Lang lang, const std::vector<std::string>& pages);

/// Writes `dir`/index.html and every submission's page; returns index.html's path. Throws
/// std::runtime_error naming a file that cannot be written.
std::filesystem::path write_class_report(const report::BatchReport& report, Lang lang, const std::filesystem::path& dir);

}  // namespace gclab::grader::html
