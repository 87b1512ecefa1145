// What the subscription use cases need from storage: a person's choice, its role's defaults,
// and replacing the choice.
#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "services/notifications/domain/subscriptions.hpp"

namespace iris::notifications::storage {

class SubscriptionRepository {
 public:
  virtual ~SubscriptionRepository() = default;
  // What the person chose; nullopt while its role's defaults apply.
  virtual absl::StatusOr<std::optional<domain::Subscriptions>> Find(
      db::Tx& tx, const std::string& recipient) = 0;
  virtual absl::StatusOr<std::optional<domain::RoleDefaults>> RoleDefaults(
      db::Tx& tx, const std::string& role) = 0;
  // Replaces the person's choice (checked); returns it as stored.
  virtual absl::StatusOr<domain::Subscriptions> Put(db::Tx& tx, const std::string& recipient,
                                                    const domain::Subscriptions& s) = 0;
};

}  // namespace iris::notifications::storage
