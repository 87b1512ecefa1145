#include "libs/db/sorted_statements.hpp"

#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "libs/db/audit_log.hpp"
#include "libs/db/outbox.hpp"
#include "libs/db/values.hpp"

namespace iris::db {
namespace {

using pagination::KeyKind;

std::string_view SqlType(KeyKind kind) {
  switch (kind) {
    case KeyKind::kInstant: return "timestamptz";
    case KeyKind::kDate: return "date";
    case KeyKind::kText: return "text";
  }
  return "text";
}

// Descending text is the one order with no key before every row (see KeysetBindOf).
bool HasStartKey(KeyKind kind, bool descending) { return kind != KeyKind::kText || !descending; }

// One @<tag> ...@ marker of a statement: where it starts and ends and its words.
struct Marker {
  size_t begin = 0, end = 0;
  std::vector<std::string> words;
};

Marker FindMarker(const Statement& base, std::string_view text, std::string_view tag,
                  size_t words) {
  const std::string open = absl::StrCat("@", std::string(tag), " ");
  const size_t begin = text.find(open);
  const size_t end = begin == std::string_view::npos ? begin : text.find('@', begin + 1);
  if (end == std::string_view::npos || text.find(open, end) != std::string_view::npos) {
    throw std::logic_error(absl::StrCat(base.name, ": needs exactly one ", open, "...@ marker"));
  }
  Marker m{begin, end + 1, {}};
  const std::string inside(text.substr(begin + open.size(), end - begin - open.size()));
  for (auto w : absl::StrSplit(inside, ' ', absl::SkipEmpty())) m.words.emplace_back(w);
  if (m.words.size() != words) {
    throw std::logic_error(absl::StrCat(base.name, ": ", open, "takes ", words, " words"));
  }
  return m;
}

// `text` with both markers replaced; the after marker comes first in every statement.
std::string Expand(const Statement& base, const std::string& after, const std::string& order_by,
                   const Marker& a, const Marker& o) {
  const std::string_view text = base.text;
  if (a.end > o.begin)
    throw std::logic_error(absl::StrCat(base.name, ": @after@ after @order_by@"));
  return std::string(text.substr(0, a.begin)) + after +
         std::string(text.substr(a.end, o.begin - a.end)) + order_by +
         std::string(text.substr(o.end));
}

}  // namespace

StatementSet::StatementSet(std::span<const Statement> all, const std::vector<SortedList>& sorted,
                           std::string_view kit_schema) {
  auto add = [this](std::string name, std::string text) {
    texts_.push_back(std::move(name));
    const char* n = texts_.back().c_str();
    texts_.push_back(std::move(text));
    statements_.push_back({n, texts_.back().c_str()});
  };
  for (const Statement& s : all) {
    const SortedList* list = nullptr;
    for (const auto& l : sorted) {
      if (std::string_view(l.base->name) == s.name) list = &l;
    }
    if (list == nullptr) {
      statements_.push_back(s);
      continue;
    }
    const Marker a = FindMarker(s, s.text, "after", 3);
    const Marker o = FindMarker(s, s.text, "order_by", 1);
    const std::string& k = a.words[0];
    const std::string& i = a.words[1];
    const std::string& id = a.words[2];
    if (id != o.words[0]) throw std::logic_error(absl::StrCat(s.name, ": two id columns"));
    // Statements that ignore the position (the count, a first page) still read its
    // parameters: Postgres must know each one's type.
    const std::string everything =
        absl::StrCat("(", k, "::text IS NULL OR ", i, "::text IS NULL OR TRUE)");
    for (const SortKeySql& key : list->keys) {
      for (bool descending : {false, true}) {
        const std::string op = descending ? "<" : ">";
        const std::string dir = descending ? "DESC" : "ASC";
        const std::string type(SqlType(key.kind));
        const std::string expr(key.sql);
        const std::string after =
            "(" + expr + ", " + id + ") " + op + " (" + k + "::" + type + ", " + i + "::uuid)";
        const std::string order_by = "ORDER BY " + expr + " " + dir + ", " + id + " " + dir;
        pagination::SortOrder order{0, key.field, key.kind, descending};
        const std::string name = absl::StrCat(s.name, ":", order.Name());
        add(name, Expand(s, after, order_by, a, o));
        // No key comes before every row here: the first page has a statement of its own
        // rather than an `$K IS NULL OR ...` that a generic plan could not use as an index
        // condition on the later pages.
        if (!HasStartKey(key.kind, descending)) {
          add(name + ":first", Expand(s, everything, order_by, a, o));
        }
      }
    }
    add(absl::StrCat(s.name, ":count"),
        absl::StrCat("SELECT count(*) FROM (", Expand(s, everything, "", a, o), ") AS matches"));
  }
  if (!kit_schema.empty()) {
    add(kRecordChangeName, RecordChangeSql(kit_schema));
    add(kAuditListName, AuditListSql(kit_schema));
    add(kAuditCountName, AuditCountSql(kit_schema));
    add(kOutboxLockName, OutboxLockSql(kit_schema));
    add(kOutboxBatchName, OutboxBatchSql(kit_schema));
    add(kOutboxMarkName, OutboxMarkSql(kit_schema));
    add(kOutboxStatsName, OutboxStatsSql(kit_schema));
  }
}

Statement Sorted(const Statement& base, const pagination::KeysetRequest& req, std::string& name) {
  name = absl::StrCat(base.name, ":", req.order.Name());
  if (!req.after && !HasStartKey(req.order.kind, req.order.descending)) name += ":first";
  return {name.c_str(), ""};
}

Statement Counted(const Statement& base, std::string& name) {
  name = absl::StrCat(base.name, ":count");
  return {name.c_str(), ""};
}

KeysetBind KeysetBindOf(const pagination::KeysetRequest& req) {
  const auto& order = req.order;
  if (req.after) {
    if (order.kind == KeyKind::kInstant) {
      return {TimestampText(std::stoll(req.after->key)), req.after->id};
    }
    return {req.after->key, req.after->id};
  }
  const std::string id = order.descending ? "ffffffff-ffff-ffff-ffff-ffffffffffff"
                                          : "00000000-0000-0000-0000-000000000000";
  if (!HasStartKey(order.kind, order.descending)) return {std::nullopt, id};
  if (order.kind == KeyKind::kText) return {std::string(), id};
  return {order.descending ? "infinity" : "-infinity", id};
}

}  // namespace iris::db
