// Grants' own settings, beyond the ones every service reads (libs/service/settings.hpp).
#pragma once

#include <chrono>
#include <string>

#include "libs/config/env.hpp"

namespace iris::grants {

struct OwnSettings {
  // Membership, asked at submission (active member? eligible country?) and when a reviewer is
  // assigned (role, organisation). The deadline stays well below the gateway's upstream
  // deadline (IRIS_UPSTREAM_DEADLINE_MS, 2000 ms): a slow membership then makes grants answer
  // 503 itself, before the gateway gives up on grants while grants might still go on to write.
  std::string membership_address;
  std::chrono::milliseconds membership_deadline{1000};
  // 360Giving: identifiers are "<prefix>-<grant id>"; the funder is the network.
  std::string open_data_prefix;
  std::string funder_identifier;
  std::string funder_name;

  static OwnSettings Load(iris::config::Env& env) {
    using std::chrono::milliseconds;
    OwnSettings s;
    s.membership_address = env.String("IRIS_MEMBERSHIP_ADDR", "127.0.0.1:50051");
    s.membership_deadline = env.Millis("IRIS_GRANTS_MEMBERSHIP_DEADLINE_MS", milliseconds(1000),
                                       milliseconds(50), milliseconds(30000));
    s.open_data_prefix = env.String("IRIS_OPEN_DATA_PREFIX", "360G-iris");
    s.funder_identifier = env.String("IRIS_FUNDER_IDENTIFIER", "360G-iris");
    s.funder_name = env.String("IRIS_FUNDER_NAME", "IRIS Network");
    return s;
  }
};

}  // namespace iris::grants
