// WebhookRepository on Postgres (storage/sql/webhook_*.sql).
#pragma once

#include "services/notifications/storage/webhook_repository.hpp"

namespace iris::notifications::storage {

class PgWebhookRepository final : public WebhookRepository {
 public:
  absl::StatusOr<domain::WebhookEndpoint> Insert(db::Tx& tx,
                                                 const domain::WebhookEndpoint& e) override;
  absl::StatusOr<domain::WebhookEndpoint> FindById(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<domain::WebhookEndpoint> FindForUpdate(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<pagination::Rows<domain::WebhookEndpoint>> List(db::Tx& tx,
                                                                 const EndpointQuery& q) override;
  absl::StatusOr<domain::WebhookEndpoint> Update(db::Tx& tx,
                                                 const domain::WebhookEndpoint& e) override;
  absl::StatusOr<domain::WebhookEndpoint> Rotate(db::Tx& tx, const std::string& id,
                                                 const std::string& sealed,
                                                 values::Time previous_expires_at) override;
  absl::Status Delete(db::Tx& tx, const std::string& id) override;
  absl::Status Disable(db::Tx& tx, const std::string& id, const std::string& reason) override;
  absl::StatusOr<pagination::Rows<domain::WebhookDelivery>> ListDeliveries(
      db::Tx& tx, const DeliveryQuery& q) override;
  absl::StatusOr<domain::WebhookDelivery> FindDelivery(db::Tx& tx, const std::string& id) override;
  absl::Status RetryDelivery(db::Tx& tx, const std::string& id) override;
  absl::StatusOr<int> ReplayFailed(db::Tx& tx, const std::string& endpoint_id,
                                   values::Time since) override;
  absl::StatusOr<std::vector<DueDelivery>> ClaimDue(db::Tx& tx, int limit,
                                                    int64_t lease_ms) override;
  absl::Status RecordAttempt(db::Tx& tx, const std::string& delivery_id, const std::string& status,
                             int response_status, const std::string& error, int duration_ms,
                             int64_t retry_in_ms) override;
  absl::Status Release(db::Tx& tx, const std::vector<std::string>& delivery_ids) override;
};

}  // namespace iris::notifications::storage
