// MailRepository on notifications.mail_queue (storage/sql/mail_queue_*.sql).
#pragma once

#include "services/notifications/storage/mail_repository.hpp"

namespace iris::notifications::storage {

class PgMailRepository : public MailRepository {
 public:
  absl::StatusOr<std::vector<domain::MailItem>> ClaimDue(db::Tx& tx, int limit,
                                                         std::chrono::seconds lease) override;
  absl::Status MarkSent(db::Tx& tx, const std::string& id) override;
  absl::Status MarkRetry(db::Tx& tx, const std::string& id, std::chrono::milliseconds wait,
                         const std::string& error) override;
  absl::Status MarkFailed(db::Tx& tx, const std::string& id, const std::string& error) override;
  absl::Status Release(db::Tx& tx, const std::vector<std::string>& ids) override;
};

}  // namespace iris::notifications::storage
