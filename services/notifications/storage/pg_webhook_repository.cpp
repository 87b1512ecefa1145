#include "services/notifications/storage/pg_webhook_repository.hpp"

#include <map>

#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/values/uuid.hpp"
#include "notifications_sql.hpp"

namespace iris::notifications::storage {
namespace {

using values::IsUuid;

absl::Status EndpointNotFound(const std::string& id) {
  return absl::NotFoundError("webhook endpoint " + id + " not found");
}

// A row of any statement returning {{webhook_endpoints_columns}}.
domain::WebhookEndpoint EndpointFromRow(const db::Row& r) {
  domain::WebhookEndpoint e;
  e.id = r["id"].as<std::string>();
  e.owner_id = r["owner_id"].as<std::string>();
  e.owner_role = r["owner_role"].as<std::string>();
  e.url = r["url"].as<std::string>();
  e.topics = db::TextArrayOf(r["topics"]);
  e.description = r["description"].as<std::string>();
  e.active = r["active"].as<bool>();
  e.disabled_reason = r["disabled_reason"].as<std::string>();
  e.secret_sealed = r["secret_sealed"].as<std::string>();
  e.previous_secret_sealed = db::OptionalText(r["previous_secret_sealed"]).value_or("");
  e.previous_secret_expires_at = db::OptionalTimeOf(r["previous_secret_expires_at_us"]);
  e.version = r["version"].as<int64_t>();
  e.created_at = db::TimeOf(r["created_at_us"]);
  e.updated_at = db::TimeOf(r["updated_at_us"]);
  return e;
}

// A row of {{webhook_deliveries_columns}}; attempts are added by AddAttempts.
domain::WebhookDelivery DeliveryFromRow(const db::Row& r) {
  domain::WebhookDelivery d;
  d.id = r["id"].as<std::string>();
  d.endpoint_id = r["endpoint_id"].as<std::string>();
  d.message_id = r["message_id"].as<std::string>();
  d.type = r["type"].as<std::string>();
  d.subject_id = r["subject_id"].as<std::string>();
  d.status = r["status"].as<std::string>();
  d.attempt_count = r["attempt_count"].as<int>();
  d.next_attempt_at = db::OptionalTimeOf(r["next_attempt_at_us"]);
  d.created_at = db::TimeOf(r["created_at_us"]);
  d.updated_at = db::TimeOf(r["updated_at_us"]);
  return d;
}

// One statement for the attempts of a whole page, not one per delivery.
void AddAttempts(db::Tx& tx, std::vector<domain::WebhookDelivery>& deliveries) {
  if (deliveries.empty()) return;
  std::vector<std::string> ids;
  std::map<std::string, domain::WebhookDelivery*> by_id;
  for (auto& d : deliveries) {
    ids.push_back(d.id);
    by_id[d.id] = &d;
  }
  for (const auto& row : tx.Exec(sql::kWebhookAttemptsOfDeliveries, db::TextArray(ids))) {
    const db::Row r(row);
    auto it = by_id.find(r["delivery_id"].as<std::string>());
    if (it == by_id.end()) continue;
    it->second->attempts.push_back({.attempted_at = db::TimeOf(r["attempted_at_us"]),
                                    .response_status = r["response_status"].as<int>(),
                                    .error = r["error"].as<std::string>(),
                                    .duration_ms = r["duration_ms"].as<int>()});
  }
}

}  // namespace

absl::StatusOr<domain::WebhookEndpoint> PgWebhookRepository::Insert(
    db::Tx& tx, const domain::WebhookEndpoint& e) {
  auto rows = tx.Exec(sql::kWebhookEndpointsInsert, e.owner_id, e.owner_role, e.url,
                      db::TextArray(e.topics), e.description, e.secret_sealed);
  return EndpointFromRow(rows.at(0));
}

absl::StatusOr<domain::WebhookEndpoint> PgWebhookRepository::FindById(db::Tx& tx,
                                                                      const std::string& id) {
  if (!IsUuid(id)) return EndpointNotFound(id);
  auto rows = tx.Exec(sql::kWebhookEndpointsFindById, id);
  if (rows.empty()) return EndpointNotFound(id);
  return EndpointFromRow(rows[0]);
}

absl::StatusOr<domain::WebhookEndpoint> PgWebhookRepository::FindForUpdate(db::Tx& tx,
                                                                           const std::string& id) {
  if (!IsUuid(id)) return EndpointNotFound(id);
  auto rows = tx.Exec(sql::kWebhookEndpointsFindForUpdate, id);
  if (rows.empty()) return EndpointNotFound(id);
  return EndpointFromRow(rows[0]);
}

absl::StatusOr<pagination::Rows<domain::WebhookEndpoint>> PgWebhookRepository::List(
    db::Tx& tx, const EndpointQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  return db::ListRows<domain::WebhookEndpoint>(
      sql::kWebhookEndpointsList, q.page,
      [&](const db::Statement& s, int rows) { return tx.Exec(s, q.owner_id, key, id, rows); },
      [](const db::Row& r) { return EndpointFromRow(r); });
}

absl::StatusOr<domain::WebhookEndpoint> PgWebhookRepository::Update(
    db::Tx& tx, const domain::WebhookEndpoint& e) {
  auto rows = tx.Exec(sql::kWebhookEndpointsUpdate, e.id, e.url, db::TextArray(e.topics),
                      e.description, e.active);
  if (rows.empty()) return EndpointNotFound(e.id);
  return EndpointFromRow(rows[0]);
}

absl::StatusOr<domain::WebhookEndpoint> PgWebhookRepository::Rotate(
    db::Tx& tx, const std::string& id, const std::string& sealed,
    values::Time previous_expires_at) {
  auto rows = tx.Exec(sql::kWebhookEndpointsRotate, id, sealed,
                      db::TimestampText(previous_expires_at.time_since_epoch().count()));
  if (rows.empty()) return EndpointNotFound(id);
  return EndpointFromRow(rows[0]);
}

absl::Status PgWebhookRepository::Delete(db::Tx& tx, const std::string& id) {
  tx.Exec(sql::kWebhookEndpointsDelete, id);
  return absl::OkStatus();
}

absl::Status PgWebhookRepository::Disable(db::Tx& tx, const std::string& id,
                                          const std::string& reason) {
  tx.Exec(sql::kWebhookEndpointsDisable, id, reason);
  tx.Exec(sql::kWebhookDeliveriesFailPending, id);
  return absl::OkStatus();
}

absl::StatusOr<pagination::Rows<domain::WebhookDelivery>> PgWebhookRepository::ListDeliveries(
    db::Tx& tx, const DeliveryQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  auto page = db::ListRows<domain::WebhookDelivery>(
      sql::kWebhookDeliveriesList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.endpoint_id, q.status, key, id, rows);
      },
      [](const db::Row& r) { return DeliveryFromRow(r); });
  if (page.ok()) AddAttempts(tx, page->rows);
  return page;
}

absl::StatusOr<domain::WebhookDelivery> PgWebhookRepository::FindDelivery(db::Tx& tx,
                                                                          const std::string& id) {
  const auto not_found = absl::NotFoundError("webhook delivery " + id + " not found");
  if (!IsUuid(id)) return not_found;
  auto rows = tx.Exec(sql::kWebhookDeliveriesFindById, id);
  if (rows.empty()) return not_found;
  std::vector<domain::WebhookDelivery> one{DeliveryFromRow(rows[0])};
  AddAttempts(tx, one);
  return one.front();
}

absl::Status PgWebhookRepository::RetryDelivery(db::Tx& tx, const std::string& id) {
  tx.Exec(sql::kWebhookDeliveriesRetry, id);
  return absl::OkStatus();
}

absl::StatusOr<int> PgWebhookRepository::ReplayFailed(db::Tx& tx, const std::string& endpoint_id,
                                                      values::Time since) {
  auto rows = tx.Exec(sql::kWebhookDeliveriesReplay, endpoint_id,
                      db::TimestampText(since.time_since_epoch().count()));
  return rows.at(0)["replayed"].as<int>();
}

absl::StatusOr<std::vector<DueDelivery>> PgWebhookRepository::ClaimDue(db::Tx& tx, int limit,
                                                                       int64_t lease_ms) {
  std::vector<DueDelivery> out;
  for (const auto& row : tx.Exec(sql::kWebhookDeliveriesClaim, limit, lease_ms)) {
    const db::Row r(row);
    DueDelivery d;
    d.id = r["id"].as<std::string>();
    d.endpoint_id = r["endpoint_id"].as<std::string>();
    d.attempt_count = r["attempt_count"].as<int>();
    d.message_id = r["message_id"].as<std::string>();
    d.type = r["type"].as<std::string>();
    d.subject_id = r["subject_id"].as<std::string>();
    d.payload = nlohmann::json::parse(r["payload"].as<std::string>(), nullptr, false);
    d.occurred_at = db::TimeOf(r["occurred_at_us"]);
    d.url = r["url"].as<std::string>();
    d.secret_sealed = r["secret_sealed"].as<std::string>();
    d.previous_secret_sealed = db::OptionalText(r["previous_secret_sealed"]).value_or("");
    out.push_back(std::move(d));
  }
  return out;
}

absl::Status PgWebhookRepository::RecordAttempt(db::Tx& tx, const std::string& delivery_id,
                                                const std::string& status, int response_status,
                                                const std::string& error, int duration_ms,
                                                int64_t retry_in_ms) {
  std::optional<std::string> err;
  if (!error.empty()) err = error;
  tx.Exec(sql::kWebhookDeliveriesRecordAttempt, delivery_id, status, response_status, err,
          duration_ms, retry_in_ms);
  return absl::OkStatus();
}

absl::Status PgWebhookRepository::Release(db::Tx& tx,
                                          const std::vector<std::string>& delivery_ids) {
  if (!delivery_ids.empty()) tx.Exec(sql::kWebhookDeliveriesRelease, db::TextArray(delivery_ids));
  return absl::OkStatus();
}

}  // namespace iris::notifications::storage
