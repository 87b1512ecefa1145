#include "services/notifications/storage/pg_inbox_repository.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/values/uuid.hpp"
#include "notifications_sql.hpp"

namespace iris::notifications::storage {
namespace {

// A row of a statement returning {{inbox_columns}}.
domain::InboxItem InboxItemFromRow(const db::Row& r) {
  auto data = nlohmann::json::parse(r["payload"].c_str(), nullptr, false);
  return {.id = r["id"].as<std::string>(),
          .message_id = r["message_id"].as<std::string>(),
          .type = r["type"].as<std::string>(),
          .subject_id = r["subject_id"].as<std::string>(),
          .country = r["country"].as<std::string>(),
          .data = data.is_object() ? std::move(data) : nlohmann::json::object(),
          .occurred_at = db::TimeOf(r["occurred_at_us"]),
          .created_at = db::TimeOf(r["created_at_us"]),
          .read_at = db::OptionalTimeOf(r["read_at_us"])};
}

}  // namespace

absl::StatusOr<pagination::Rows<domain::InboxItem>> PgInboxRepository::List(db::Tx& tx,
                                                                            const InboxQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  return db::ListRows<domain::InboxItem>(
      sql::kInboxList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.recipient_id, q.unread_only, key, id, rows);
      },
      [](const db::Row& r) { return InboxItemFromRow(r); });
}

absl::StatusOr<std::optional<domain::InboxItem>> PgInboxRepository::Find(
    db::Tx& tx, const std::string& id, const std::string& recipient) {
  if (!values::IsUuid(id)) return std::nullopt;
  const auto result = tx.Exec(sql::kInboxFind, id, recipient);
  if (result.empty()) return std::nullopt;
  db::ColumnMemo memo;
  return InboxItemFromRow(db::Row(result[0], &memo));
}

absl::StatusOr<bool> PgInboxRepository::MarkRead(db::Tx& tx, const std::string& id,
                                                 const std::string& recipient) {
  if (!values::IsUuid(id)) return false;
  return !tx.Exec(sql::kInboxMarkRead, id, recipient).empty();
}

}  // namespace iris::notifications::storage
