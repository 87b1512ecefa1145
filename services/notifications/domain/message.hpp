// A message as notifications keeps it: one row of some service's outbox, published by its relay
// (or a reminder notifications makes itself), stored once by id.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/values/types.hpp"

namespace iris::notifications::domain {

struct Message {
  std::string id;      // uuid
  std::string source;  // the publishing service ("grants"); "notifications" for reminders
  std::string type;
  std::string subject_id;
  std::string country;  // the outbox row's; may be empty
  std::string actor;
  std::string request_id;
  nlohmann::json payload = nlohmann::json::object();
  values::Time occurred_at;
  int64_t source_position = 0;
};

}  // namespace iris::notifications::domain
