#include "services/notifications/storage/pg_message_repository.hpp"

#include "libs/db/values.hpp"
#include "notifications_sql.hpp"

namespace iris::notifications::storage {

absl::Status PgMessageRepository::LockIntake(db::Tx& tx) {
  tx.Exec(sql::kMessagesLockIntake);
  return absl::OkStatus();
}

absl::StatusOr<bool> PgMessageRepository::Insert(db::Tx& tx, const domain::StoredMessage& s) {
  const domain::Message& m = s.message;
  const auto result = tx.Exec(sql::kMessagesInsert, m.id, m.source, m.type, m.subject_id,
                              db::TextArray(s.countries), s.organization_id, s.person_id,
                              std::string(domain::AudienceWord(s.audience)), s.in_feed, m.actor,
                              m.request_id, m.payload.dump(), m.source_position,
                              db::TimestampText(m.occurred_at.time_since_epoch().count()));
  return !result.empty();
}

absl::Status PgMessageRepository::UpsertRecipient(db::Tx& tx, const domain::RecipientUpdate& r) {
  tx.Exec(sql::kRecipientsUpsert, r.id, r.email, r.name, r.role, r.organization_id, r.country,
          r.active);
  return absl::OkStatus();
}

absl::Status PgMessageRepository::ApplyDeadline(db::Tx& tx, const domain::DeadlineChange& d) {
  if (d.remove) {
    tx.Exec(sql::kDeadlinesDelete, d.kind, d.subject_id);
  } else {
    tx.Exec(sql::kDeadlinesUpsert, d.kind, d.subject_id, d.due_at, db::TextArray(d.countries),
            d.payload.dump());
  }
  return absl::OkStatus();
}

absl::StatusOr<FanOutCounts> PgMessageRepository::FanOut(db::Tx& tx,
                                                         const std::vector<std::string>& ids) {
  FanOutCounts counts;
  if (ids.empty()) return counts;
  const std::string array = db::TextArray(ids);
  counts.inbox = tx.Exec(sql::kFanoutInbox, array).affected_rows();
  counts.mail = tx.Exec(sql::kFanoutMail, array).affected_rows();
  counts.webhooks = tx.Exec(sql::kFanoutWebhooks, array).affected_rows();
  return counts;
}

absl::StatusOr<std::vector<domain::FeedChange>> PgMessageRepository::ListChanges(db::Tx& tx,
                                                                                 int64_t after,
                                                                                 int limit) {
  std::vector<domain::FeedChange> out;
  for (const auto& row : tx.Exec(sql::kMessagesListChanges, after, limit)) {
    out.push_back({.seq = row["seq"].as<int64_t>(),
                   .type = row["type"].as<std::string>(),
                   .subject_id = row["subject_id"].as<std::string>(),
                   .occurred_at = db::TimeOf(row["occurred_at_us"])});
  }
  return out;
}

}  // namespace iris::notifications::storage
