#include "services/notifications/app/intake.hpp"

#include <string>

#include "libs/log/log.hpp"
#include "libs/status/status.hpp"
#include "services/notifications/domain/intake_rules.hpp"

namespace iris::notifications::app {

absl::StatusOr<IntakeResult> Intake::Accept(const std::vector<domain::Message>& messages) {
  // Derived outside the transaction: a retried transaction (serialization failure) reuses it.
  std::vector<domain::StoredMessage> derived;
  derived.reserve(messages.size());
  for (const auto& m : messages) derived.push_back(domain::Derive(m));
  struct Outcome {
    IntakeResult result;
    storage::FanOutCounts fanned;
    std::vector<std::string> unknown_types;
  };
  auto outcome = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<Outcome> {
    Outcome out;
    // First: intakes one at a time, so seq values become visible in increasing order.
    IRIS_RETURN_IF_ERROR(messages_.LockIntake(tx));
    std::vector<std::string> fresh;
    for (size_t i = 0; i < derived.size(); ++i) {
      const domain::StoredMessage& s = derived[i];
      IRIS_ASSIGN_OR_RETURN(bool stored, messages_.Insert(tx, s));
      if (!stored) {
        ++out.result.duplicates;
        continue;
      }
      ++out.result.stored;
      if (!s.known_type) out.unknown_types.push_back(s.message.type);
      // From the message as published: the stored copy has lost the contact.
      if (const auto r = domain::RecipientOf(messages[i])) {
        IRIS_RETURN_IF_ERROR(messages_.UpsertRecipient(tx, *r));
      }
      if (const auto d = domain::DeadlineOf(s)) {
        IRIS_RETURN_IF_ERROR(messages_.ApplyDeadline(tx, *d));
      }
      if (s.audience != domain::Audience::kInternal) fresh.push_back(s.message.id);
    }
    // After every recipient of the batch is known: a person created in this batch receives
    // what the batch brings for it.
    IRIS_ASSIGN_OR_RETURN(out.fanned, messages_.FanOut(tx, fresh));
    return out;
  });
  if (!outcome.ok()) return outcome.status();
  for (const auto& type : outcome->unknown_types) {
    log::Warn("message of a type no service announced, stored as staff-only", {{"type", type}});
  }
  if (outcome->fanned.mail > 0) mail_wakeup_.Notify();
  if (outcome->fanned.webhooks > 0) webhook_wakeup_.Notify();
  return outcome->result;
}

}  // namespace iris::notifications::app
