// A result row read by column name, each name's column number looked up once per result.
// libpqxx 6.4 answers every r["name"] with PQfnumber, which copies and case-folds the name and
// compares it with each column in turn: a list page of 50 rows of 20 columns did 1,000 of those
// (7 % of membership's CPU for a list page, bench/HISTORY.md). ListRows keeps one ColumnMemo per
// result; a single row (no memo) reads as pqxx does.
#pragma once

#include <cstring>
#include <utility>
#include <vector>

#include <pqxx/pqxx>

namespace iris::db {

// Column numbers of one result by name, filled as names are first asked for.
class ColumnMemo {
 public:
  pqxx::row::size_type NumberOf(const pqxx::row& row, const char* name) {
    // Names are string literals of the decoder: the same pointer each row, compared first.
    for (const auto& [known, number] : columns_) {
      if (known == name) return number;
    }
    for (const auto& [known, number] : columns_) {
      if (std::strcmp(known, name) == 0) return number;
    }
    const auto number = row.column_number(name);
    columns_.emplace_back(name, number);
    return number;
  }

 private:
  std::vector<std::pair<const char*, pqxx::row::size_type>> columns_;
};

class Row {
 public:
  // Implicit on purpose: a decoder taking a Row reads a plain pqxx::row too.
  Row(const pqxx::row& row, ColumnMemo* memo = nullptr)  // NOLINT(google-explicit-constructor)
      : row_(row), memo_(memo) {}

  pqxx::field operator[](const char* name) const {
    if (memo_ == nullptr) return row_[name];
    return row_[memo_->NumberOf(row_, name)];
  }
  const pqxx::row& raw() const { return row_; }

 private:
  const pqxx::row& row_;
  ColumnMemo* memo_;
};

}  // namespace iris::db
