// JSON-lines logging on stderr through spdlog: one object per line with ts, level, service, msg,
// request_id (when a RequestScope is active) and the caller's extra fields.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

namespace iris::log {

// Makes a stderr, thread-safe logger spdlog's default; calling it again replaces it.
// Levels: trace, debug, info, warn (or warning), error, critical, off. An unknown level means info.
// Lines are buffered: warnings and errors are written at once with every line before them, the
// rest within IRIS_LOG_FLUSH_MS (default 100; 0 writes each line at once) and at exit.
void Init(std::string service, std::string level = "info");
// Writes every line still waiting (before reading captured stderr, before exiting abnormally).
void Flush();
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

// One extra field of InfoFields: text, a whole number or a number.
struct Field {
  std::string_view key;
  std::variant<std::string_view, std::int64_t, double> value;
};
// Info with fields written straight into the line, without a JSON document: for the line the
// gateway logs on every request (issue 13: building and dumping nlohmann documents for it was a
// tenth of a cached read's CPU). The same line Info writes for the same fields in this order.
void InfoFields(std::string_view msg, std::initializer_list<Field> fields);

// The line that would be logged now (no trailing newline). Does no I/O; stamps the current time,
// the service given to Init and this thread's request id. Extra fields that would overwrite one
// of the standard keys are kept as "field_<key>"; a non-object `fields` lands under "fields".
std::string FormatLine(std::string_view level, std::string_view msg, const nlohmann::json& fields);
// The line InfoFields would log now, at `level`.
std::string FormatFieldsLine(std::string_view level, std::string_view msg,
                             std::initializer_list<Field> fields);

}  // namespace iris::log
