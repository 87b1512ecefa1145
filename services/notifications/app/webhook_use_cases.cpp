#include "services/notifications/app/webhook_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/outbox.hpp"
#include "libs/status/list_filters.hpp"
#include "libs/status/status.hpp"
#include "services/notifications/domain/webhook_schedule.hpp"
#include "services/notifications/domain/webhook_signature.hpp"

namespace iris::notifications::app {
namespace {

constexpr const char* kSchema = "notifications";

// Thin: never the secret, nor the URL (a partner may put a token in its query).
db::Change ChangeOf(const domain::WebhookEndpoint& e, std::string type, std::string action,
                    nlohmann::json audit = nlohmann::json::object()) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "webhook_endpoint";
  c.subject_id = e.id;
  c.payload = {
      {"id", e.id}, {"owner_id", e.owner_id}, {"active", e.active}, {"version", e.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

// Adds the URL's address check to `problems` (after its shape passed).
void CheckReachable(const WebhookUrlGuard& guard, const domain::WebhookEndpointInput& in,
                    std::vector<values::InvalidField>& problems) {
  for (const auto& p : problems) {
    if (p.field == "url") return;
  }
  if (auto checked = guard.Check(in.url); !checked.ok()) {
    problems.push_back({"url", std::string(checked.status().message())});
  }
}

}  // namespace

absl::StatusOr<domain::WebhookEndpoint> WebhookUseCases::Visible(db::Tx& tx,
                                                                 const identity::Caller& caller,
                                                                 const std::string& id, bool lock) {
  auto e = lock ? repo_.FindForUpdate(tx, id) : repo_.FindById(tx, id);
  if (!e.ok() || !domain::MaySee(caller, *e)) {
    return absl::NotFoundError("webhook endpoint not found");
  }
  return e;
}

absl::StatusOr<domain::WebhookEndpoint> WebhookUseCases::Create(const identity::Caller& caller,
                                                                domain::WebhookEndpointInput in) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  auto problems = domain::CheckEndpointInput(in, true);
  CheckReachable(guard_, in, problems);
  if (!problems.empty()) return status::Validation(problems);
  const std::string secret = domain::NewWebhookSecret();
  domain::WebhookEndpoint draft;
  draft.owner_id = caller.subject;
  draft.owner_role = caller.role;
  draft.url = in.url;
  draft.topics = in.topics;
  draft.description = in.description;
  draft.secret_sealed = box_.Seal(secret);
  auto saved = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::WebhookEndpoint> {
    IRIS_ASSIGN_OR_RETURN(auto e, repo_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(e, "notifications.webhook.created", "create", {{"topics", e.topics}})));
    return e;
  });
  if (saved.ok()) saved->secret = secret;
  return saved;
}

absl::StatusOr<domain::WebhookEndpoint> WebhookUseCases::Get(const identity::Caller& caller,
                                                             const std::string& id) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  return pool_.Read([&](db::Tx& tx) { return Visible(tx, caller, id, false); });
}

absl::StatusOr<pagination::Page<domain::WebhookEndpoint>> WebhookUseCases::List(
    const identity::Caller& caller, const pagination::PageParams& page) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  storage::EndpointQuery q;
  if (!caller.IsNetworkAdmin()) q.owner_id = caller.subject;
  IRIS_ASSIGN_OR_RETURN(q.page, pagination::KeysetRequestOf(page, storage::kEndpointSorts));
  IRIS_ASSIGN_OR_RETURN(auto rows, pool_.Read([&](db::Tx& tx) { return repo_.List(tx, q); }));
  return pagination::PageOf(std::move(rows), q.page, storage::kEndpointSorts);
}

absl::StatusOr<domain::WebhookEndpoint> WebhookUseCases::Update(const identity::Caller& caller,
                                                                const std::string& id,
                                                                domain::WebhookEndpointInput in,
                                                                int64_t expected_version) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  auto problems = domain::CheckEndpointInput(in, false);
  // Resolved before the transaction: no row lock waits on DNS.
  if (in.Has("url")) CheckReachable(guard_, in, problems);
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::WebhookEndpoint> {
    IRIS_ASSIGN_OR_RETURN(auto e, Visible(tx, caller, id, true));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("webhook endpoint", e.version, expected_version));
    if (!problems.empty()) return status::Validation(problems);
    nlohmann::json fields = nlohmann::json::array();
    if (in.Has("url")) e.url = in.url, fields.push_back("url");
    if (in.Has("topics")) e.topics = in.topics, fields.push_back("topics");
    if (in.Has("description")) e.description = in.description, fields.push_back("description");
    if (in.Has("active")) e.active = in.active, fields.push_back("active");
    IRIS_ASSIGN_OR_RETURN(auto saved, repo_.Update(tx, e));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, "notifications.webhook.updated", "update", {{"fields", fields}})));
    return saved;
  });
}

absl::Status WebhookUseCases::Delete(const identity::Caller& caller, const std::string& id,
                                     int64_t expected_version) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  return pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto e, Visible(tx, caller, id, true));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("webhook endpoint", e.version, expected_version));
    IRIS_RETURN_IF_ERROR(repo_.Delete(tx, e.id));
    return db::RecordChange(tx, kSchema, caller,
                            ChangeOf(e, "notifications.webhook.deleted", "delete"));
  });
}

absl::StatusOr<domain::WebhookEndpoint> WebhookUseCases::RotateSecret(
    const identity::Caller& caller, const std::string& id, int64_t expected_version) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  const std::string secret = domain::NewWebhookSecret();
  const std::string sealed = box_.Seal(secret);
  const auto expires = std::chrono::time_point_cast<std::chrono::microseconds>(
      std::chrono::system_clock::now() + kPreviousSecretLifetime);
  auto saved = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::WebhookEndpoint> {
    IRIS_ASSIGN_OR_RETURN(auto e, Visible(tx, caller, id, true));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("webhook endpoint", e.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto rotated, repo_.Rotate(tx, e.id, sealed, expires));
    IRIS_RETURN_IF_ERROR(
        db::RecordChange(tx, kSchema, caller,
                         ChangeOf(rotated, "notifications.webhook.secret_rotated", "rotate_secret",
                                  {{"previous_secret_expires_at", domain::Rfc3339(expires)}})));
    return rotated;
  });
  if (saved.ok()) saved->secret = secret;
  return saved;
}

absl::StatusOr<pagination::Page<domain::WebhookDelivery>> WebhookUseCases::ListDeliveries(
    const identity::Caller& caller, const std::string& endpoint_id, const std::string& status,
    pagination::PageParams page) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  storage::DeliveryQuery q;
  q.endpoint_id = endpoint_id;
  status::Validator v;
  if (!status.empty()) {
    if (status != "pending" && status != "succeeded" && status != "failed") {
      v.Add("status", "must be one of pending, succeeded, failed");
    }
    q.status = status;
  }
  if (page.sort.empty()) page.sort = "-created_at";  // newest first
  auto paging = pagination::KeysetRequestOf(page, storage::kDeliverySorts);
  if (status::Collect(paging.status(), v)) q.page = *paging;
  IRIS_RETURN_IF_ERROR(v.FinishMalformed());
  IRIS_ASSIGN_OR_RETURN(
      auto rows,
      pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::WebhookDelivery>> {
        IRIS_ASSIGN_OR_RETURN(auto e, Visible(tx, caller, endpoint_id, false));
        q.endpoint_id = e.id;
        return repo_.ListDeliveries(tx, q);
      }));
  return pagination::PageOf(std::move(rows), q.page, storage::kDeliverySorts);
}

absl::StatusOr<domain::WebhookDelivery> WebhookUseCases::RetryDelivery(
    const identity::Caller& caller, const std::string& id) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  auto out = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::WebhookDelivery> {
    auto d = repo_.FindDelivery(tx, id);
    if (!d.ok()) return absl::NotFoundError("webhook delivery not found");
    auto e = Visible(tx, caller, d->endpoint_id, true);
    if (!e.ok()) return absl::NotFoundError("webhook delivery not found");
    if (d->status == "pending") {
      return status::Conflict("invalid_transition",
                              "the delivery is already waiting for its next attempt");
    }
    IRIS_RETURN_IF_ERROR(repo_.RetryDelivery(tx, d->id));
    IRIS_RETURN_IF_ERROR(
        db::RecordChange(tx, kSchema, caller,
                         ChangeOf(*e, "notifications.webhook_delivery.retried", "retry_delivery",
                                  {{"delivery_id", d->id}, {"message_id", d->message_id}})));
    return repo_.FindDelivery(tx, d->id);
  });
  if (out.ok()) wakeup_.Notify();
  return out;
}

absl::StatusOr<int> WebhookUseCases::ReplayFailed(const identity::Caller& caller,
                                                  const std::string& endpoint_id,
                                                  std::optional<values::Time> since) {
  IRIS_RETURN_IF_ERROR(domain::RequireWebhookManager(caller));
  auto n = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<int> {
    IRIS_ASSIGN_OR_RETURN(auto e, Visible(tx, caller, endpoint_id, true));
    if (!since)
      return status::Invalid("since", "is required (RFC 3339, e.g. 2026-01-31T00:00:00Z)");
    IRIS_ASSIGN_OR_RETURN(int replayed, repo_.ReplayFailed(tx, e.id, *since));
    IRIS_RETURN_IF_ERROR(
        db::RecordChange(tx, kSchema, caller,
                         ChangeOf(e, "notifications.webhook.replayed", "replay",
                                  {{"since", domain::Rfc3339(*since)}, {"replayed", replayed}})));
    return replayed;
  });
  if (n.ok() && *n > 0) wakeup_.Notify();
  return n;
}

}  // namespace iris::notifications::app
