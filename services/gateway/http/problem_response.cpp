#include "services/gateway/http/problem_response.hpp"

#include "libs/status/problem.hpp"

namespace iris::gateway::http {

HttpResponse ProblemResponse(const absl::Status& status, const std::string& request_id) {
  const auto problem = status::ProblemFor(status, request_id);
  HttpResponse r;
  r.status = problem.http_status;
  r.body = problem.body;
  r.headers.push_back({"Content-Type", "application/problem+json"});
  // Unavailable dependencies recover within seconds (reconnect backoff is capped at 1 s).
  if (status::NeedsRetryAfter(r.status)) r.headers.push_back({"Retry-After", "1"});
  return r;
}

}  // namespace iris::gateway::http
