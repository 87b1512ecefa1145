// A list's statement in every order the list offers, and its count (include=total).
//
// A list statement (storage/sql/<list>.sql) marks where its order goes:
//   AND @after $8 $9 organizations.id@   the keyset condition: rows after the position ($8, $9)
//   @order_by organizations.id@          ORDER BY <key> <dir>, <id> <dir>
// and ends in `LIMIT $n`. StatementSet prepares, instead of that text, "<name>:<field>" and
// "<name>:-<field>" for every sortable field (pagination::SortField: its SQL expression and kind)
// and "<name>:count", SELECT count(*) over the same matches, run with LIMIT kTotalCap + 1. Each
// variant is a plain prepared statement, so an order is an index scan from its position like
// the default one, in a generic plan too; descending text, which has no key before every row,
// has "<name>:-<field>:first" for the first page.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "libs/db/pool.hpp"
#include "libs/db/row.hpp"
#include "libs/db/statement.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/status/status.hpp"

namespace iris::db {

struct SortKeySql {
  std::string_view field;
  pagination::KeyKind kind;
  std::string_view sql;
};

template <typename Row, size_t N>
std::vector<SortKeySql> SortKeysOf(const std::array<pagination::SortField<Row>, N>& fields) {
  std::vector<SortKeySql> keys;
  for (const auto& f : fields) keys.push_back({f.name, f.kind, f.sql});
  return keys;
}

struct SortedList {
  const Statement* base;
  std::vector<SortKeySql> keys;
};

// The statements a service prepares: `all`, each base of `sorted` replaced by its variants, and
// with `kit_schema` the kit's own for that schema (db::RecordChange's, the audit log's reads). A
// base without exactly one @after@ and one @order_by@ marker throws std::logic_error (at startup: a
// statement nobody can run is a bug to stop on).
class StatementSet {
 public:
  StatementSet(std::span<const Statement> all, const std::vector<SortedList>& sorted,
               std::string_view kit_schema = "");
  StatementSet(const StatementSet&) = delete;
  StatementSet& operator=(const StatementSet&) = delete;

  std::span<const Statement> all() const { return statements_; }

 private:
  std::deque<std::string> texts_;  // what statements_ point into; a deque never moves them
  std::vector<Statement> statements_;
};

// The variant of `base` for the request's order (and first page, where that has its own), and
// its count; Tx::Exec runs them by name.
Statement Sorted(const Statement& base, const pagination::KeysetRequest& req, std::string& name);
Statement Counted(const Statement& base, std::string& name);

// The bind parameters of a keyset position, ($K, $I) of @after@: the last row's key and id, or
// a position before every row in the order (-infinity / infinity / '' and the nil or the
// largest uuid), so the condition stays an index condition on the first page too. Descending
// text has no such key: NULL, read only by its ":first" statement, which ignores it.
struct KeysetBind {
  std::optional<std::string> key;
  std::string id;
};
KeysetBind KeysetBindOf(const pagination::KeysetRequest& req);

}  // namespace iris::db

namespace iris::db {

// A sorted list's page and, when the request asks, its total: exec(statement, rows) runs the
// list's statement variant (or its count) with the list's parameters and `rows` as its LIMIT;
// from_row(db::Row) makes a T (or a StatusOr<T>); the rows share one ColumnMemo.
template <typename T, typename Exec, typename FromRow>
absl::StatusOr<pagination::Rows<T>> ListRows(const Statement& base,
                                             const pagination::KeysetRequest& req, Exec&& exec,
                                             FromRow&& from_row) {
  std::string name;
  pagination::Rows<T> out;
  ColumnMemo memo;
  for (const auto& raw : exec(Sorted(base, req, name), pagination::RowsToFetch(req.limit))) {
    const Row r(raw, &memo);
    if constexpr (internal::IsStatusOr<decltype(from_row(r))>::value) {
      IRIS_ASSIGN_OR_RETURN(auto item, from_row(r));
      out.rows.push_back(std::move(item));
    } else {
      out.rows.push_back(from_row(r));
    }
  }
  if (req.include_total) {
    if (!req.after && out.rows.size() <= static_cast<size_t>(req.limit)) {
      // The first page holds every match: that is the count, without another query.
      out.total = pagination::TotalOf(static_cast<int64_t>(out.rows.size()));
    } else {
      // Its own statement, so its own snapshot: under concurrent writes it may differ from
      // the page by what was written in between, as any count shown beside a list may.
      const auto counted = exec(Counted(base, name), static_cast<int>(pagination::kTotalCap + 1));
      out.total = pagination::TotalOf(counted[0][0].template as<int64_t>());
    }
  }
  return out;
}

}  // namespace iris::db
