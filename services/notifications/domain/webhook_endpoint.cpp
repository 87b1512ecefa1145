#include "services/notifications/domain/webhook_endpoint.hpp"

#include "absl/status/status.h"
#include "services/notifications/domain/topics.hpp"
#include "services/notifications/domain/webhook_address.hpp"

namespace iris::notifications::domain {

absl::Status RequireWebhookManager(const identity::Caller& caller) {
  if (caller.anonymous()) return absl::UnauthenticatedError("this operation needs credentials");
  if (caller.IsNetworkAdmin() || caller.HasRole(identity::kPartner)) return absl::OkStatus();
  return absl::PermissionDeniedError("only partners and network admins manage webhooks");
}

bool MaySee(const identity::Caller& caller, const WebhookEndpoint& e) {
  return caller.IsNetworkAdmin() || (!caller.anonymous() && e.owner_id == caller.subject);
}

std::vector<values::InvalidField> CheckEndpointInput(WebhookEndpointInput& in, bool create) {
  std::vector<values::InvalidField> problems;
  for (const auto& f : in.fields) {
    if (f != "url" && f != "topics" && f != "description" && f != "active") {
      problems.push_back({f, "cannot be changed (url, topics, description and active can)"});
    }
  }
  if (create || in.Has("url")) {
    if (auto url = ParseWebhookUrl(in.url); !url.ok()) {
      problems.push_back({"url", std::string(url.status().message())});
    }
  }
  if (create || in.Has("topics")) {
    if (in.topics.empty()) {
      problems.push_back({"topics", "needs at least one topic or pattern (\"*\" for all)"});
    } else {
      in.topics = CheckTopicPatterns("topics", in.topics, &problems);
    }
  }
  if (in.description.size() > kMaxDescriptionLength) {
    problems.push_back(
        {"description", "must be at most " + std::to_string(kMaxDescriptionLength) + " bytes"});
  }
  return problems;
}

}  // namespace iris::notifications::domain
