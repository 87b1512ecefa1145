// Membership's own settings, beyond the ones every service reads (libs/service/settings.hpp).
#pragma once

#include <string>

#include "libs/config/env.hpp"

namespace iris::membership {

struct OwnSettings {
  // First network admin, created at startup when none exists (both or neither).
  std::string admin_email;
  std::string admin_password;

  static OwnSettings Load(iris::config::Env& env) {
    OwnSettings s;
    s.admin_email = env.String("IRIS_ADMIN_EMAIL", "");
    s.admin_password = env.String("IRIS_ADMIN_PASSWORD", "");
    return s;
  }
};

}  // namespace iris::membership
