#pragma once
// A thin RAII layer over the SQLite C API for the store's own use: one
// connection, prepared statements cached by their SQL text, and transactions
// that roll back unless committed. Failures throw SqliteError; the Store turns
// them into std::expected errors at its public boundary.

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace cardscan::store {

// A failed SQLite call, carrying SQLite's message and the SQL concerned.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code_(code) {}
  [[nodiscard]] int code() const { return code_; }

 private:
  int code_;
};

// One prepared statement. Bind indices are 1-based, column indices 0-based.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&&) noexcept;
  Statement& operator=(Statement&&) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);  // copied by SQLite
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind_blob(int index, const std::vector<unsigned char>& blob);
  Statement& bind_null(int index);
  // Binds NULL when the value is empty / absent.
  Statement& bind_text_or_null(int index, std::string_view text);
  Statement& bind_or_null(int index, std::optional<std::int64_t> value);

  // Advances; true while a row is available, false when done.
  [[nodiscard]] bool step();
  // Runs a statement that returns no rows (or ignores them) and resets it.
  void run();
  // Resets for re-execution and clears bindings.
  void reset();

  [[nodiscard]] std::int64_t column_int(int index) const;
  [[nodiscard]] double column_double(int index) const;
  [[nodiscard]] std::string column_text(int index) const;  // "" for NULL
  [[nodiscard]] bool column_is_null(int index) const;
  [[nodiscard]] std::vector<unsigned char> column_blob(int index) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// One open connection.
class Database {
 public:
  // Opens or creates the database file; ":memory:" gives a private in-memory one.
  explicit Database(const std::string& path);
  // Opens an existing database for reading only (an SQLite URI such as
  // "file:PATH?mode=ro" is understood); never creates a file.
  struct ReadOnly {};
  Database(const std::string& uri, ReadOnly);
  Database(Database&&) = delete;
  Database& operator=(Database&&) = delete;
  ~Database();

  // Runs one or more statements that return nothing.
  void exec(const std::string& sql);
  // A cached prepared statement, reset and with its bindings cleared.
  [[nodiscard]] Statement& prepare(const std::string& sql);
  // A single integer from a one-row query (e.g. PRAGMA user_version).
  [[nodiscard]] std::int64_t query_int(const std::string& sql);
  [[nodiscard]] std::int64_t last_insert_id() const;
  [[nodiscard]] int changes() const;
  [[nodiscard]] bool in_transaction() const;
  // True when SQLite could open the file for reading only (its mode or its folder's).
  [[nodiscard]] bool read_only() const;
  [[nodiscard]] sqlite3* handle() const { return db_; }

 private:
  Database(const std::string& path, int open_flags);
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction (so a second writer waits on the busy
// timeout instead of failing at commit); ROLLBACK on destruction unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Database& db);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace cardscan::store
