// InboxRepository over notifications.inbox (joined with the messages it points to).
#pragma once

#include "services/notifications/storage/inbox_repository.hpp"

namespace iris::notifications::storage {

class PgInboxRepository final : public InboxRepository {
 public:
  absl::StatusOr<pagination::Rows<domain::InboxItem>> List(db::Tx& tx,
                                                           const InboxQuery& q) override;
  absl::StatusOr<std::optional<domain::InboxItem>> Find(db::Tx& tx, const std::string& id,
                                                        const std::string& recipient) override;
  absl::StatusOr<bool> MarkRead(db::Tx& tx, const std::string& id,
                                const std::string& recipient) override;
};

}  // namespace iris::notifications::storage
