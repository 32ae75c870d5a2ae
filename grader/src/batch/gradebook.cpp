#include "batch/gradebook.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <memory>
#include <stdexcept>

namespace gclab::grader::batch {

namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('schema', '1');
CREATE TABLE IF NOT EXISTS submissions (
  id TEXT PRIMARY KEY, origin TEXT NOT NULL, content_hash TEXT NOT NULL, graded_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS results (
  exercise_hash TEXT NOT NULL, check_hash TEXT NOT NULL,
  outcome TEXT NOT NULL, earned REAL NOT NULL, explanation TEXT NOT NULL,
  PRIMARY KEY (exercise_hash, check_hash));
CREATE TABLE IF NOT EXISTS pictures (
  exercise_hash TEXT NOT NULL, check_hash TEXT NOT NULL, position INTEGER NOT NULL,
  title TEXT NOT NULL, dot TEXT NOT NULL, svg TEXT NOT NULL,
  PRIMARY KEY (exercise_hash, check_hash, position));
CREATE TABLE IF NOT EXISTS scores (
  submission TEXT NOT NULL, exercise TEXT NOT NULL, check_id TEXT NOT NULL, position INTEGER NOT NULL,
  points INTEGER NOT NULL, exercise_hash TEXT NOT NULL, check_hash TEXT NOT NULL,
  PRIMARY KEY (submission, exercise, check_id));
)sql";

void check(sqlite3* db, int rc, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(fmt::format("gradebook: {}: {}", what, sqlite3_errmsg(db)));
}

void exec(sqlite3* db, const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error("gradebook: " + text);
  }
}

struct StatementCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementCloser>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  check(db, sqlite3_prepare_v2(db, sql, -1, &s, nullptr), sql);
  return Statement(s);
}

void bind(sqlite3_stmt* s, int i, const std::string& text) { sqlite3_bind_text(s, i, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT); }

std::string column_text(sqlite3_stmt* s, int i) {
  const auto* text = sqlite3_column_text(s, i);
  return text ? reinterpret_cast<const char*>(text) : std::string();
}

Outcome outcome_from_id(const std::string& id) {
  for (Outcome o : {Outcome::passed, Outcome::failed, Outcome::build_error, Outcome::timeout, Outcome::memory_limit,
                    Outcome::crashed, Outcome::skipped, Outcome::not_attempted})
    if (outcome_id(o) == id) return o;
  throw std::runtime_error("gradebook: unknown outcome '" + id + "'");
}

sqlite3* open_db(const std::filesystem::path& file, int flags) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(file.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    const std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error(fmt::format("cannot open the gradebook {}: {}", file.string(), why));
  }
  sqlite3_busy_timeout(db, 10'000);
  return db;
}

}  // namespace

Gradebook::Gradebook(const std::filesystem::path& file) {
  db_ = open_db(file, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  try {
    exec(db_, kSchema);
    Statement all = prepare(db_, "SELECT exercise_hash, check_hash, outcome, earned, explanation FROM results");
    while (sqlite3_step(all.get()) == SQLITE_ROW) {
      CheckResult r;
      r.outcome = outcome_from_id(column_text(all.get(), 2));
      r.earned = sqlite3_column_double(all.get(), 3);
      r.explanation = column_text(all.get(), 4);
      index_[{column_text(all.get(), 0), column_text(all.get(), 1)}] = std::move(r);
    }
    // A result from the gradebook shows the pictures it was graded with (the class's HTML pages).
    Statement pictures = prepare(db_, "SELECT exercise_hash, check_hash, title, dot, svg FROM pictures ORDER BY position");
    while (sqlite3_step(pictures.get()) == SQLITE_ROW) {
      const auto it = index_.find({column_text(pictures.get(), 0), column_text(pictures.get(), 1)});
      if (it != index_.end())
        it->second.pictures.push_back({column_text(pictures.get(), 2), column_text(pictures.get(), 3), column_text(pictures.get(), 4)});
    }
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
  writer_ = std::thread([this] { write_loop(); });
}

Gradebook::~Gradebook() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  writer_.join();
  sqlite3_close(db_);
}

std::optional<CheckResult> Gradebook::find(const std::string& exercise_hash, const std::string& check_hash) const {
  std::lock_guard lock(mutex_);
  const auto it = index_.find({exercise_hash, check_hash});
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

void Gradebook::record(ExerciseRecord record) {
  {
    std::lock_guard lock(mutex_);
    for (const auto& [hash, result] : record.results) index_[{record.exercise_hash, hash}] = result;
    queue_.push_back(std::move(record));
  }
  changed_.notify_all();
}

void Gradebook::flush() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return (queue_.empty() && !writing_) || !writer_error_.empty(); });
  if (!writer_error_.empty()) throw std::runtime_error(writer_error_);
}

void Gradebook::write_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, and everything is written
    ExerciseRecord record = std::move(queue_.front());
    queue_.pop_front();
    writing_ = true;
    lock.unlock();
    std::string error;
    try {
      write(record);
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    writing_ = false;
    if (!error.empty() && writer_error_.empty()) writer_error_ = error;
    changed_.notify_all();
  }
}

void Gradebook::write(const ExerciseRecord& record) {
  exec(db_, "BEGIN IMMEDIATE");
  try {
    Statement sub = prepare(db_, "INSERT OR REPLACE INTO submissions VALUES (?, ?, ?, datetime('now'))");
    bind(sub.get(), 1, record.submission);
    bind(sub.get(), 2, record.origin);
    bind(sub.get(), 3, record.content_hash);
    check(db_, sqlite3_step(sub.get()), "recording a submission");

    Statement forget = prepare(db_, "DELETE FROM scores WHERE submission = ? AND exercise = ?");
    bind(forget.get(), 1, record.submission);
    bind(forget.get(), 2, record.exercise);
    check(db_, sqlite3_step(forget.get()), "replacing scores");

    Statement result = prepare(db_, "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)");
    Statement score = prepare(db_, "INSERT INTO scores VALUES (?, ?, ?, ?, ?, ?, ?)");
    Statement forget_pictures = prepare(db_, "DELETE FROM pictures WHERE exercise_hash = ? AND check_hash = ?");
    Statement picture = prepare(db_, "INSERT INTO pictures VALUES (?, ?, ?, ?, ?, ?)");
    int position = 0;
    for (const auto& [hash, r] : record.results) {
      sqlite3_reset(result.get());
      bind(result.get(), 1, record.exercise_hash);
      bind(result.get(), 2, hash);
      bind(result.get(), 3, std::string(outcome_id(r.outcome)));
      sqlite3_bind_double(result.get(), 4, r.earned);
      bind(result.get(), 5, r.explanation);
      check(db_, sqlite3_step(result.get()), "recording a result");

      sqlite3_reset(forget_pictures.get());
      bind(forget_pictures.get(), 1, record.exercise_hash);
      bind(forget_pictures.get(), 2, hash);
      check(db_, sqlite3_step(forget_pictures.get()), "replacing pictures");
      for (std::size_t i = 0; i < r.pictures.size(); ++i) {
        sqlite3_reset(picture.get());
        bind(picture.get(), 1, record.exercise_hash);
        bind(picture.get(), 2, hash);
        sqlite3_bind_int(picture.get(), 3, static_cast<int>(i));
        bind(picture.get(), 4, r.pictures[i].title);
        bind(picture.get(), 5, r.pictures[i].dot);
        bind(picture.get(), 6, r.pictures[i].svg);
        check(db_, sqlite3_step(picture.get()), "recording a picture");
      }

      sqlite3_reset(score.get());
      bind(score.get(), 1, record.submission);
      bind(score.get(), 2, record.exercise);
      bind(score.get(), 3, r.id);
      sqlite3_bind_int(score.get(), 4, position++);
      sqlite3_bind_int(score.get(), 5, r.points);
      bind(score.get(), 6, record.exercise_hash);
      bind(score.get(), 7, hash);
      check(db_, sqlite3_step(score.get()), "recording a score");
    }
    exec(db_, "COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<ScoreRow> Gradebook::scores(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) throw std::runtime_error(fmt::format("no gradebook at {}", file.string()));
  sqlite3* db = open_db(file, SQLITE_OPEN_READONLY);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> closer(db, sqlite3_close);
  Statement rows = prepare(db,
                           "SELECT s.submission, s.exercise, s.check_id, s.position, r.earned, s.points "
                           "FROM scores s JOIN results r USING (exercise_hash, check_hash) "
                           "ORDER BY s.submission, s.exercise, s.position");
  std::vector<ScoreRow> out;
  while (sqlite3_step(rows.get()) == SQLITE_ROW)
    out.push_back({column_text(rows.get(), 0), column_text(rows.get(), 1), column_text(rows.get(), 2),
                   sqlite3_column_int(rows.get(), 3), sqlite3_column_double(rows.get(), 4), sqlite3_column_int(rows.get(), 5)});
  return out;
}

}  // namespace gclab::grader::batch
