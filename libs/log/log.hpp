// JSON-lines logging on stderr through spdlog: one object per line with ts, level, service, msg,
// request_id (when a RequestScope is active) and the caller's extra fields.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace iris::log {

// Makes a stderr, thread-safe logger spdlog's default; calling it again replaces it.
// Levels: trace, debug, info, warn (or warning), error, critical, off. An unknown level means info.
void Init(std::string service, std::string level = "info");
void SetLevel(std::string_view level);

// The request id stamped on every line this thread logs while the scope lives; the previous
// one (for nested scopes) comes back on destruction.
class RequestScope {
 public:
  explicit RequestScope(std::string request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};

// Empty when no RequestScope is active on this thread.
std::string_view CurrentRequestId();

void Debug(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void Info(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void Warn(std::string_view msg, nlohmann::json fields = nlohmann::json::object());
void Error(std::string_view msg, nlohmann::json fields = nlohmann::json::object());

// The line that would be logged now (no trailing newline). Does no I/O; stamps the current time,
// the service given to Init and this thread's request id. Extra fields that would overwrite one
// of the standard keys are kept as "field_<key>"; a non-object `fields` lands under "fields".
std::string FormatLine(std::string_view level, std::string_view msg, const nlohmann::json& fields);

}  // namespace iris::log
