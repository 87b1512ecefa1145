// What the webhook use cases and the sender need from storage.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/status/statusor.h"
#include "libs/db/pool.hpp"
#include "libs/pagination/keyset.hpp"
#include "services/notifications/domain/webhook_endpoint.hpp"

namespace iris::notifications::storage {

// The orders of both lists; the first is the default.
inline const std::array<pagination::SortField<domain::WebhookEndpoint>, 1> kEndpointSorts{{
    {"created_at", pagination::KeyKind::kInstant, "webhook_endpoints.created_at",
     [](const domain::WebhookEndpoint& e) { return pagination::InstantKey(e.created_at); }},
}};
inline const std::array<pagination::SortField<domain::WebhookDelivery>, 1> kDeliverySorts{{
    {"created_at", pagination::KeyKind::kInstant, "webhook_deliveries.created_at",
     [](const domain::WebhookDelivery& d) { return pagination::InstantKey(d.created_at); }},
}};

struct EndpointQuery {
  std::optional<std::string> owner_id;  // nullopt: every owner
  pagination::KeysetRequest page;
};

struct DeliveryQuery {
  std::string endpoint_id;
  std::optional<std::string> status;  // nullopt: any
  pagination::KeysetRequest page;
};

// A delivery the sender took, with what it sends.
struct DueDelivery {
  std::string id;
  std::string endpoint_id;
  int attempt_count = 0;  // attempts before this one
  std::string message_id;
  std::string type;
  std::string subject_id;
  nlohmann::json payload;
  values::Time occurred_at;
  std::string url;
  std::string secret_sealed;
  std::string previous_secret_sealed;  // "" unless a rotation's previous secret still signs
};

class WebhookRepository {
 public:
  virtual ~WebhookRepository() = default;

  virtual absl::StatusOr<domain::WebhookEndpoint> Insert(db::Tx& tx,
                                                         const domain::WebhookEndpoint& e) = 0;
  // NOT_FOUND when no endpoint has this id (a malformed id included).
  virtual absl::StatusOr<domain::WebhookEndpoint> FindById(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<domain::WebhookEndpoint> FindForUpdate(db::Tx& tx,
                                                                const std::string& id) = 0;
  virtual absl::StatusOr<pagination::Rows<domain::WebhookEndpoint>> List(
      db::Tx& tx, const EndpointQuery& q) = 0;
  // url, topics, description and active as `e` has them.
  virtual absl::StatusOr<domain::WebhookEndpoint> Update(db::Tx& tx,
                                                         const domain::WebhookEndpoint& e) = 0;
  virtual absl::StatusOr<domain::WebhookEndpoint> Rotate(db::Tx& tx, const std::string& id,
                                                         const std::string& sealed,
                                                         values::Time previous_expires_at) = 0;
  virtual absl::Status Delete(db::Tx& tx, const std::string& id) = 0;
  // Inactive with `reason`; its pending deliveries failed.
  virtual absl::Status Disable(db::Tx& tx, const std::string& id, const std::string& reason) = 0;

  // Deliveries with their attempts.
  virtual absl::StatusOr<pagination::Rows<domain::WebhookDelivery>> ListDeliveries(
      db::Tx& tx, const DeliveryQuery& q) = 0;
  virtual absl::StatusOr<domain::WebhookDelivery> FindDelivery(db::Tx& tx,
                                                               const std::string& id) = 0;
  virtual absl::Status RetryDelivery(db::Tx& tx, const std::string& id) = 0;
  virtual absl::StatusOr<int> ReplayFailed(db::Tx& tx, const std::string& endpoint_id,
                                           values::Time since) = 0;

  // The sender's: takes up to `limit` due deliveries, leased for `lease_ms`.
  virtual absl::StatusOr<std::vector<DueDelivery>> ClaimDue(db::Tx& tx, int limit,
                                                            int64_t lease_ms) = 0;
  // One attempt's outcome; `retry_in_ms` applies while the status stays "pending".
  virtual absl::Status RecordAttempt(db::Tx& tx, const std::string& delivery_id,
                                     const std::string& status, int response_status,
                                     const std::string& error, int duration_ms,
                                     int64_t retry_in_ms) = 0;
  // A stopping sender's: claimed deliveries it did not attempt are due again now.
  virtual absl::Status Release(db::Tx& tx, const std::vector<std::string>& delivery_ids) = 0;
};

}  // namespace iris::notifications::storage
