// Request ids: accept a client's X-Request-Id when it is safe to echo and log, else mint one.
#pragma once

#include <optional>
#include <string>

namespace iris::gateway::http {

// A random UUID v4 in its canonical lower-case form.
std::string NewRequestId();

// `client_value` if it is 1..128 characters of [A-Za-z0-9._-] (safe in headers, logs and the
// problem `instance`), otherwise NewRequestId().
std::string AcceptOrNewRequestId(std::optional<std::string> client_value);

}  // namespace iris::gateway::http
