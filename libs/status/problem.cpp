#include "libs/status/problem.hpp"

#include <nlohmann/json.hpp>

#include "libs/status/problem_types.hpp"
#include "libs/status/status.hpp"

namespace iris::status {

int HttpStatusFor(const absl::Status& status) {
  return status.ok() ? 200 : ProblemTypeOf(status).http_status;
}

bool NeedsRetryAfter(int http_status) { return http_status == 429 || http_status == 503; }

std::string_view ReasonPhrase(int s) {
  switch (s) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    default: return s >= 500 ? "Internal Server Error" : "Error";
  }
}

Problem ProblemFor(const absl::Status& status, std::string_view request_id) {
  Problem p;
  p.http_status = HttpStatusFor(status);
  const auto detail = DetailOf(status);
  nlohmann::json body;
  const ProblemType& type = ProblemTypeOf(status);
  body["type"] = "/problems/" + std::string(type.name);
  body["title"] = std::string(type.title);
  body["status"] = p.http_status;
  // 501 and 503 describe the request or the moment, not our internals.
  if (p.http_status >= 500 && p.http_status != 501 && p.http_status != 503) {
    body["detail"] = "internal error; quote the request id when reporting it";
  } else {
    body["detail"] = status.message();
  }
  body["instance"] = "urn:request:" + std::string(request_id);
  if (detail.errors_size() > 0) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& e : detail.errors()) {
      errors.push_back({{"field", e.field()}, {"message", e.message()}});
    }
    if (detail.omitted_errors() > 0) body["errors_omitted"] = detail.omitted_errors();
  }
  // Replace invalid UTF-8 (e.g. echoed client input) rather than throw.
  p.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return p;
}

}  // namespace iris::status
