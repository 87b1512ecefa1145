#include "libs/log/log.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace iris::log {
namespace {

struct State {
  std::string service;
  std::shared_ptr<spdlog::logger> logger;
};

// Read on every line from any thread, replaced only by Init.
std::atomic<std::shared_ptr<const State>> g_state;
std::mutex g_init_mu;
thread_local std::string t_request_id;

constexpr std::array<std::string_view, 5> kReserved = {"ts", "level", "service", "msg",
                                                       "request_id"};

std::optional<spdlog::level::level_enum> ParseLevel(std::string_view level) {
  using L = spdlog::level::level_enum;
  if (level == "trace") return L::trace;
  if (level == "debug") return L::debug;
  if (level == "info") return L::info;
  if (level == "warn" || level == "warning") return L::warn;
  if (level == "error") return L::err;
  if (level == "critical") return L::critical;
  if (level == "off") return L::off;
  return std::nullopt;
}

// RFC 3339 UTC with milliseconds: 2024-05-01T12:00:00.123Z
std::string NowRfc3339() {
  using namespace std::chrono;
  const auto now = system_clock::now();
  const auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::time_t secs = system_clock::to_time_t(now);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  const std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string out(buf, n);
  const auto millis = std::to_string(ms);
  out += '.';
  out.append(3 - millis.size(), '0');
  out += millis;
  out += 'Z';
  return out;
}

std::shared_ptr<const State> MakeState(std::string service, spdlog::level::level_enum level) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("iris", std::move(sink));
  logger->set_pattern("%v");
  logger->set_level(level);
  // Errors are rare and must not sit in a buffer when the process dies.
  logger->flush_on(spdlog::level::err);
  spdlog::set_default_logger(logger);
  return std::make_shared<const State>(State{std::move(service), std::move(logger)});
}

std::shared_ptr<const State> CurrentState() {
  if (auto state = g_state.load()) return state;
  // Something logged before main() called Init: still emit JSON rather than spdlog's default
  // pattern, without overriding an Init that raced us here.
  std::lock_guard lock(g_init_mu);
  if (!g_state.load()) g_state.store(MakeState("unknown", spdlog::level::info));
  return g_state.load();
}

void Write(spdlog::level::level_enum level, std::string_view name, std::string_view msg,
           const nlohmann::json& fields) {
  auto state = CurrentState();
  if (!state->logger->should_log(level)) return;
  // The string_view overload hands the finished line over without fmt formatting it again.
  state->logger->log(level, spdlog::string_view_t(FormatLine(name, msg, fields)));
}

}  // namespace

void Init(std::string service, std::string level) {
  const auto parsed = ParseLevel(level);
  {
    std::lock_guard lock(g_init_mu);
    g_state.store(MakeState(std::move(service), parsed.value_or(spdlog::level::info)));
  }
  if (!parsed) Warn("unknown log level, using info", {{"requested_level", level}});
}

void SetLevel(std::string_view level) {
  auto state = CurrentState();
  const auto parsed = ParseLevel(level);
  state->logger->set_level(parsed.value_or(spdlog::level::info));
  if (!parsed) Warn("unknown log level, using info", {{"requested_level", std::string(level)}});
}

RequestScope::RequestScope(std::string request_id)
    : previous_(std::exchange(t_request_id, std::move(request_id))) {}

RequestScope::~RequestScope() { t_request_id = std::move(previous_); }

std::string_view CurrentRequestId() { return t_request_id; }

void Debug(std::string_view msg, nlohmann::json fields) {
  Write(spdlog::level::debug, "debug", msg, fields);
}
void Info(std::string_view msg, nlohmann::json fields) {
  Write(spdlog::level::info, "info", msg, fields);
}
void Warn(std::string_view msg, nlohmann::json fields) {
  Write(spdlog::level::warn, "warn", msg, fields);
}
void Error(std::string_view msg, nlohmann::json fields) {
  Write(spdlog::level::err, "error", msg, fields);
}

std::string FormatLine(std::string_view level, std::string_view msg, const nlohmann::json& fields) {
  const auto state = g_state.load();
  // ordered_json keeps ts/level/service/msg first, which is how people scan a log.
  nlohmann::ordered_json line;
  line["ts"] = NowRfc3339();
  line["level"] = level;
  line["service"] = state ? state->service : std::string("unknown");
  line["msg"] = msg;
  if (!t_request_id.empty()) line["request_id"] = t_request_id;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      bool reserved = false;
      for (auto r : kReserved) reserved = reserved || key == r;
      line[reserved ? "field_" + key : key] = value;
    }
  } else if (!fields.is_null()) {
    line["fields"] = fields;
  }
  // Messages often echo client input: replace invalid UTF-8 instead of throwing mid-request.
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace iris::log
