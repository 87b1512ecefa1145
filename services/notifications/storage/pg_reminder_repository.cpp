#include "services/notifications/storage/pg_reminder_repository.hpp"

#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "notifications_sql.hpp"

namespace iris::notifications::storage {

absl::StatusOr<std::vector<domain::Deadline>> PgReminderRepository::Due(db::Tx& tx,
                                                                        std::chrono::seconds lead,
                                                                        int limit) {
  const pqxx::result r = tx.Exec(sql::kDeadlinesDue, static_cast<double>(lead.count()), limit);
  std::vector<domain::Deadline> out;
  out.reserve(r.size());
  for (const auto& pq_row : r) {
    const db::Row row(pq_row);
    out.push_back({.kind = row["kind"].as<std::string>(),
                   .subject_id = row["subject_id"].as<std::string>(),
                   .due_at = db::TimeOf(row["due_at_us"]),
                   .countries = db::TextArrayOf(row["countries"]),
                   .payload = nlohmann::json::parse(row["payload"].as<std::string>())});
  }
  return out;
}

absl::Status PgReminderRepository::MarkReminded(db::Tx& tx, const domain::Deadline& d) {
  tx.Exec(sql::kDeadlinesMarkReminded, d.kind, d.subject_id,
          static_cast<int64_t>(d.due_at.time_since_epoch().count()));
  return absl::OkStatus();
}

}  // namespace iris::notifications::storage
