// Events' own settings, beyond the ones every service reads (libs/service/settings.hpp).
#pragma once

#include <chrono>
#include <string>

#include "libs/config/env.hpp"

namespace iris::events {

struct OwnSettings {
  // Membership, asked when an event names its host and partners and when a registration or a
  // placement names an organisation. The deadline stays well below the gateway's upstream
  // deadline (IRIS_UPSTREAM_DEADLINE_MS, 2000 ms): a slow membership then makes events answer
  // 503 itself, before the gateway gives up on events while events might still go on to write.
  std::string membership_address;
  std::chrono::milliseconds membership_deadline{1000};

  static OwnSettings Load(iris::config::Env& env) {
    using std::chrono::milliseconds;
    OwnSettings s;
    s.membership_address = env.String("IRIS_MEMBERSHIP_ADDR", "127.0.0.1:50051");
    s.membership_deadline = env.Millis("IRIS_EVENTS_MEMBERSHIP_DEADLINE_MS", milliseconds(1000),
                                       milliseconds(50), milliseconds(30000));
    return s;
  }
};

}  // namespace iris::events
