#include "services/notifications/app/subscription_use_cases.hpp"

#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"

namespace iris::notifications::app {
namespace {

absl::Status SignedInOnly(const identity::Caller& caller) {
  if (caller.anonymous()) return absl::UnauthenticatedError("sign in to see your subscriptions");
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<domain::Subscriptions> SubscriptionUseCases::Get(const identity::Caller& caller) {
  IRIS_RETURN_IF_ERROR(SignedInOnly(caller));
  return pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Subscriptions> {
    IRIS_ASSIGN_OR_RETURN(auto chosen, subscriptions_.Find(tx, caller.subject));
    if (chosen) return *chosen;
    IRIS_ASSIGN_OR_RETURN(auto defaults, subscriptions_.RoleDefaults(tx, caller.role));
    return domain::DefaultSubscriptions(defaults, caller.country);
  });
}

absl::StatusOr<domain::Subscriptions> SubscriptionUseCases::Put(const identity::Caller& caller,
                                                                const domain::Subscriptions& sent) {
  IRIS_RETURN_IF_ERROR(SignedInOnly(caller));
  std::vector<values::InvalidField> problems;
  const domain::Subscriptions kept = domain::CheckSubscriptions(sent, &problems);
  IRIS_RETURN_IF_ERROR(status::Validation(problems));
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Subscriptions> {
    IRIS_ASSIGN_OR_RETURN(auto stored, subscriptions_.Put(tx, caller.subject, kept));
    // Thin: the choice names topics and codes, nothing personal.
    db::Change change{.type = "notifications.subscriptions.updated",
                      .subject_type = "subscriptions",
                      .subject_id = caller.subject,
                      .country = "",
                      .payload = {{"id", caller.subject}},
                      .action = "update",
                      .audit = {{"topics", kept.topics},
                                {"countries", kept.countries},
                                {"channels", kept.channels},
                                {"language", kept.language}}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "notifications", caller, change));
    return stored;
  });
}

}  // namespace iris::notifications::app
