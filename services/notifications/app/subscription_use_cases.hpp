// A person's subscriptions: its choice, or its role's defaults until it chooses.
#pragma once

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "services/notifications/domain/subscriptions.hpp"
#include "services/notifications/storage/subscription_repository.hpp"

namespace iris::notifications::app {

class SubscriptionUseCases {
 public:
  SubscriptionUseCases(db::Pool& pool, storage::SubscriptionRepository& subscriptions)
      : pool_(pool), subscriptions_(subscriptions) {}

  // Signed-in callers; anonymous: UNAUTHENTICATED.
  absl::StatusOr<domain::Subscriptions> Get(const identity::Caller& caller);
  // Replaces the caller's choice; every bad topic, country, channel and the language in one
  // INVALID_ARGUMENT (domain::CheckSubscriptions).
  absl::StatusOr<domain::Subscriptions> Put(const identity::Caller& caller,
                                            const domain::Subscriptions& sent);

 private:
  db::Pool& pool_;
  storage::SubscriptionRepository& subscriptions_;
};

}  // namespace iris::notifications::app
