// One webhook POST over libcurl, connected to the address the SSRF guard checked.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "services/notifications/app/webhook_url_guard.hpp"

namespace iris::notifications::app {

struct HttpOutcome {
  int status = 0;     // the HTTP status; 0 when none came
  std::string error;  // why no status came (connect, timeout, ...)
};

// POSTs `body` to `target`, pinned to target.address (CURLOPT_RESOLVE), http(s) only, no
// redirects (a 3xx is the answer, a failure), the whole attempt within `timeout`. The answer's
// body is read up to 64 KiB and dropped: nothing of it is kept or logged.
HttpOutcome PostWebhook(const std::string& url, const CheckedUrl& target,
                        const std::vector<std::string>& headers, const std::string& body,
                        std::chrono::milliseconds timeout);

}  // namespace iris::notifications::app
