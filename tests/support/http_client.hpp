// A small libcurl client for end-to-end tests: one request, everything a user would see.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace iris::testing {

struct HttpResult {
  long status = 0;                             // 0: no answer (connection failed / timed out)
  std::map<std::string, std::string> headers;  // lower-case names; last value wins
  std::string body;
  double seconds = 0;
  std::string Header(const std::string& lower_name) const;
};

HttpResult HttpRequest(const std::string& method, const std::string& url,
                       const std::string& body = "",
                       const std::vector<std::pair<std::string, std::string>>& headers = {},
                       std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

}  // namespace iris::testing
