// What the mail worker needs from storage: due mails, claimed for a while, and their outcome.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/notifications/domain/mail_content.hpp"

namespace iris::notifications::storage {

class MailRepository {
 public:
  virtual ~MailRepository() = default;
  // Up to `limit` pending mails due now, each with its message, its recipient's contact (email
  // empty when the recipient is unknown or inactive) and language; they are not due again
  // before `lease` passes.
  virtual absl::StatusOr<std::vector<domain::MailItem>> ClaimDue(db::Tx& tx, int limit,
                                                                 std::chrono::seconds lease) = 0;
  virtual absl::Status MarkSent(db::Tx& tx, const std::string& id) = 0;
  virtual absl::Status MarkRetry(db::Tx& tx, const std::string& id, std::chrono::milliseconds wait,
                                 const std::string& error) = 0;
  virtual absl::Status MarkFailed(db::Tx& tx, const std::string& id, const std::string& error) = 0;
  // A stopping worker's: claimed mails it did not send are due again now.
  virtual absl::Status Release(db::Tx& tx, const std::vector<std::string>& ids) = 0;
};

}  // namespace iris::notifications::storage
