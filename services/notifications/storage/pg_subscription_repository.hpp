// SubscriptionRepository over notifications.subscriptions and role_defaults.
#pragma once

#include "services/notifications/storage/subscription_repository.hpp"

namespace iris::notifications::storage {

class PgSubscriptionRepository final : public SubscriptionRepository {
 public:
  absl::StatusOr<std::optional<domain::Subscriptions>> Find(db::Tx& tx,
                                                            const std::string& recipient) override;
  absl::StatusOr<std::optional<domain::RoleDefaults>> RoleDefaults(
      db::Tx& tx, const std::string& role) override;
  absl::StatusOr<domain::Subscriptions> Put(db::Tx& tx, const std::string& recipient,
                                            const domain::Subscriptions& s) override;
};

}  // namespace iris::notifications::storage
