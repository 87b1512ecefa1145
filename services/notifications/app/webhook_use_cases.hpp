// Use cases of webhook endpoints and their deliveries: partner users manage their own, network
// admins every one; another partner's endpoint is "not found" (issue 16 item 4).
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/identity/caller.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/notifications/app/wakeup.hpp"
#include "services/notifications/app/webhook_secret_box.hpp"
#include "services/notifications/app/webhook_url_guard.hpp"
#include "services/notifications/domain/webhook_endpoint.hpp"
#include "services/notifications/storage/webhook_repository.hpp"

namespace iris::notifications::app {

// How long a rotated-out secret keeps signing beside the new one.
inline constexpr auto kPreviousSecretLifetime = std::chrono::hours(24);

class WebhookUseCases {
 public:
  WebhookUseCases(db::Pool& pool, storage::WebhookRepository& repo, const WebhookSecretBox& box,
                  const WebhookUrlGuard& guard, Wakeup& sender_wakeup)
      : pool_(pool), repo_(repo), box_(box), guard_(guard), wakeup_(sender_wakeup) {}

  // The answer holds the secret in the clear, the only time but rotation that it does.
  absl::StatusOr<domain::WebhookEndpoint> Create(const identity::Caller& caller,
                                                 domain::WebhookEndpointInput in);
  absl::StatusOr<domain::WebhookEndpoint> Get(const identity::Caller& caller,
                                              const std::string& id);
  absl::StatusOr<pagination::Page<domain::WebhookEndpoint>> List(
      const identity::Caller& caller, const pagination::PageParams& page);
  absl::StatusOr<domain::WebhookEndpoint> Update(const identity::Caller& caller,
                                                 const std::string& id,
                                                 domain::WebhookEndpointInput in,
                                                 int64_t expected_version);
  absl::Status Delete(const identity::Caller& caller, const std::string& id,
                      int64_t expected_version);
  absl::StatusOr<domain::WebhookEndpoint> RotateSecret(const identity::Caller& caller,
                                                       const std::string& id,
                                                       int64_t expected_version);
  // Newest first; `status` "" for any.
  absl::StatusOr<pagination::Page<domain::WebhookDelivery>> ListDeliveries(
      const identity::Caller& caller, const std::string& endpoint_id, const std::string& status,
      pagination::PageParams page);
  absl::StatusOr<domain::WebhookDelivery> RetryDelivery(const identity::Caller& caller,
                                                        const std::string& id);
  absl::StatusOr<int> ReplayFailed(const identity::Caller& caller, const std::string& endpoint_id,
                                   std::optional<values::Time> since);

 private:
  // The endpoint if the caller may see it (NOT_FOUND otherwise), locked when `lock`.
  absl::StatusOr<domain::WebhookEndpoint> Visible(db::Tx& tx, const identity::Caller& caller,
                                                  const std::string& id, bool lock);

  db::Pool& pool_;
  storage::WebhookRepository& repo_;
  const WebhookSecretBox& box_;
  const WebhookUrlGuard& guard_;
  Wakeup& wakeup_;
};

}  // namespace iris::notifications::app
