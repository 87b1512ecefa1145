// Partners' webhook endpoints and their deliveries, and who may manage them: partner users
// their own, network admins every one (issue 16 item 4). Pure rules.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "libs/identity/caller.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::notifications::domain {

struct WebhookEndpoint {
  std::string id;
  std::string owner_id;
  std::string owner_role;
  std::string url;
  std::vector<std::string> topics;
  std::string description;
  bool active = true;
  std::string disabled_reason;
  // The secrets as stored (sealed, hex); `secret` is the clear one, set only on create and
  // rotation, the one time a client sees it.
  std::string secret_sealed;
  std::string previous_secret_sealed;
  std::optional<values::Time> previous_secret_expires_at;
  std::string secret;
  int64_t version = 0;
  values::Time created_at;
  values::Time updated_at;
};

// What a client sends to create or change one; `fields` names those sent (PATCH).
struct WebhookEndpointInput {
  std::string url;
  std::vector<std::string> topics;
  std::string description;
  bool active = true;
  std::set<std::string> fields;
  bool Has(const std::string& f) const { return fields.contains(f); }
};

struct DeliveryAttempt {
  values::Time attempted_at;
  int response_status = 0;
  std::string error;
  int duration_ms = 0;
};

struct WebhookDelivery {
  std::string id;
  std::string endpoint_id;
  std::string message_id;  // the webhook-id
  std::string type;
  std::string subject_id;
  std::string status;  // pending, succeeded, failed
  int attempt_count = 0;
  std::optional<values::Time> next_attempt_at;
  std::vector<DeliveryAttempt> attempts;
  values::Time created_at;
  values::Time updated_at;
};

inline constexpr size_t kMaxDescriptionLength = 500;

// Partner users and network admins manage webhooks; PERMISSION_DENIED for anyone else (and
// UNAUTHENTICATED for anonymous callers).
absl::Status RequireWebhookManager(const identity::Caller& caller);
// Network admins see every endpoint, a partner only its own: others' are "not found".
bool MaySee(const identity::Caller& caller, const WebhookEndpoint& e);

// The rules of the fields sent, each problem named as the API names the field; the URL's
// shape only (its addresses are checked by app/ after resolving it). `topics` is kept as
// CheckTopicPatterns returns it.
std::vector<values::InvalidField> CheckEndpointInput(WebhookEndpointInput& in, bool create);

}  // namespace iris::notifications::domain
