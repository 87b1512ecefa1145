// Reminders before deadlines (API.md "Reminders"): a deadline notifications learnt from a
// message (a call's closes_at) becomes one message of its kind (grants.call.closing) a lead
// time before it. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/values/types.hpp"
#include "services/notifications/domain/message.hpp"

namespace iris::notifications::domain {

struct Deadline {
  std::string kind;  // the reminder's type
  std::string subject_id;
  values::Time due_at;
  std::vector<std::string> countries;
  nlohmann::json payload = nlohmann::json::object();
};

// The reminder's message id: a uuid derived from kind, subject and due_at, so the same
// deadline always gives the same id (a second scan, or another replica's, is a duplicate the
// intake ignores) and a moved deadline gives a new one.
std::string ReminderId(const Deadline& d);

// The reminder message: source "notifications", type = kind, the deadline's payload (its
// countries added as "countries" when the payload names none, so the fan-out filters by them).
Message ReminderMessage(const Deadline& d, values::Time now);

}  // namespace iris::notifications::domain
