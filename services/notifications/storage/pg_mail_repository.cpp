#include "services/notifications/storage/pg_mail_repository.hpp"

#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "notifications_sql.hpp"

namespace iris::notifications::storage {
namespace {

// Errors end up in a column operators read; an SMTP server's answer is kept short.
std::string Short(const std::string& error) { return error.substr(0, 1000); }

}  // namespace

absl::StatusOr<std::vector<domain::MailItem>> PgMailRepository::ClaimDue(
    db::Tx& tx, int limit, std::chrono::seconds lease) {
  const pqxx::result r = tx.Exec(sql::kMailQueueClaim, limit, static_cast<double>(lease.count()));
  std::vector<domain::MailItem> out;
  out.reserve(r.size());
  for (const auto& pq_row : r) {
    const db::Row row(pq_row);
    domain::MailItem m;
    m.id = row["id"].as<std::string>();
    m.message_id = row["message_id"].as<std::string>();
    m.recipient_id = row["recipient_id"].as<std::string>();
    m.attempts = row["attempts"].as<int>();
    m.type = row["type"].as<std::string>();
    m.subject_id = row["subject_id"].as<std::string>();
    m.payload = nlohmann::json::parse(row["payload"].as<std::string>());
    m.occurred_at = db::TimeOf(row["occurred_at_us"]);
    m.email = row["email"].as<std::string>();
    m.name = row["name"].as<std::string>();
    m.language = row["language"].as<std::string>();
    out.push_back(std::move(m));
  }
  return out;
}

absl::Status PgMailRepository::MarkSent(db::Tx& tx, const std::string& id) {
  tx.Exec(sql::kMailQueueMarkSent, id);
  return absl::OkStatus();
}

absl::Status PgMailRepository::MarkRetry(db::Tx& tx, const std::string& id,
                                         std::chrono::milliseconds wait, const std::string& error) {
  tx.Exec(sql::kMailQueueMarkRetry, id, static_cast<double>(wait.count()) / 1000.0, Short(error));
  return absl::OkStatus();
}

absl::Status PgMailRepository::MarkFailed(db::Tx& tx, const std::string& id,
                                          const std::string& error) {
  tx.Exec(sql::kMailQueueMarkFailed, id, Short(error));
  return absl::OkStatus();
}

absl::Status PgMailRepository::Release(db::Tx& tx, const std::vector<std::string>& ids) {
  if (!ids.empty()) tx.Exec(sql::kMailQueueRelease, db::TextArray(ids));
  return absl::OkStatus();
}

}  // namespace iris::notifications::storage
