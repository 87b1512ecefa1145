#include "libs/log/log.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include "libs/json/json_text.hpp"

namespace iris::log {
namespace {

struct State {
  std::string service;
  std::shared_ptr<spdlog::logger> logger;
};

// Read on every line from any thread, replaced only by Init. Never destroyed: the flusher
// thread and the exit handler may still read it while statics are torn down.
std::atomic<std::shared_ptr<const State>>& StateSlot() {
  static auto* slot = new std::atomic<std::shared_ptr<const State>>();
  return *slot;
}
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

// Lines wait in memory and reach stderr together, one write(2) per flush instead of one per
// line: with the access log on, every request cost a system call and woke whoever reads the
// pipe (issue 13; +3-5 % on a cached read with stderr to a pipe). Warnings and errors go out at
// once, with every line before them; the rest within FlushEvery() or as soon as kMaxBuffered
// bytes wait.
class BufferedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  ~BufferedStderrSink() override { flush(); }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    buffer_.append(formatted.data(), formatted.size());
    if (buffer_.size() >= kMaxBuffered) flush_();
  }
  void flush_() override {
    const char* p = buffer_.data();
    size_t left = buffer_.size();
    while (left > 0) {
      const ssize_t n = ::write(STDERR_FILENO, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // stderr is gone: there is nowhere left to say so
      p += n;
      left -= static_cast<size_t>(n);
    }
    buffer_.clear();
  }

 private:
  static constexpr size_t kMaxBuffered = 64 * 1024;
  std::string buffer_;
};

// IRIS_LOG_FLUSH_MS: how long an info or debug line may wait (default 100 ms, at most 10 s);
// 0 writes every line at once.
std::chrono::milliseconds FlushEvery() {
  const char* text = std::getenv("IRIS_LOG_FLUSH_MS");
  int ms = 100;
  if (text != nullptr && *text != '\0') {
    int parsed = 0;
    const char* end = text + std::char_traits<char>::length(text);
    auto [ptr, ec] = std::from_chars(text, end, parsed);
    if (ec == std::errc() && ptr == end && parsed >= 0 && parsed <= 10000) ms = parsed;
  }
  return std::chrono::milliseconds(ms);
}

// One thread per process writes what waits, and exit writes the rest.
void StartFlusher(std::chrono::milliseconds every) {
  static std::once_flag once;
  std::call_once(once, [every] {
    std::atexit([] { Flush(); });
    if (every.count() == 0) return;
    std::thread([every] {
      for (;;) {
        std::this_thread::sleep_for(every);
        Flush();
      }
    }).detach();
  });
}

std::shared_ptr<const State> MakeState(std::string service, spdlog::level::level_enum level) {
  const auto every = FlushEvery();
  auto sink = std::make_shared<BufferedStderrSink>();
  auto logger = std::make_shared<spdlog::logger>("iris", std::move(sink));
  logger->set_pattern("%v");
  logger->set_level(level);
  // Warnings and errors are rare and must not sit in a buffer when the process dies.
  logger->flush_on(every.count() == 0 ? spdlog::level::trace : spdlog::level::warn);
  Flush();  // what the logger being replaced still holds comes first
  spdlog::set_default_logger(logger);
  StartFlusher(every);
  return std::make_shared<const State>(State{std::move(service), std::move(logger)});
}

std::shared_ptr<const State> CurrentState() {
  if (auto state = StateSlot().load()) return state;
  // Something logged before main() called Init: still emit JSON rather than spdlog's default
  // pattern, without overriding an Init that raced us here.
  std::lock_guard lock(g_init_mu);
  if (!StateSlot().load()) StateSlot().store(MakeState("unknown", spdlog::level::info));
  return StateSlot().load();
}

bool Reserved(std::string_view key) {
  for (auto r : kReserved) {
    if (key == r) return true;
  }
  return false;
}

// `{"ts":…,"level":…,"service":…,"msg":…[,"request_id":…]` — the line up to its extra fields.
std::string LineHead(std::string_view level, std::string_view msg) {
  const auto state = StateSlot().load();
  std::string out;
  out.reserve(256);
  out += "{\"ts\":";
  json::text::AppendString(NowRfc3339(), &out);
  out += ",\"level\":";
  json::text::AppendString(level, &out);
  out += ",\"service\":";
  json::text::AppendString(state ? std::string_view(state->service) : "unknown", &out);
  out += ",\"msg\":";
  json::text::AppendString(msg, &out);
  if (!t_request_id.empty()) {
    out += ",\"request_id\":";
    json::text::AppendString(t_request_id, &out);
  }
  return out;
}

void AppendKey(std::string_view key, std::string* out) {
  *out += ',';
  json::text::AppendString(Reserved(key) ? "field_" + std::string(key) : std::string(key), out);
  *out += ':';
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
    StateSlot().store(MakeState(std::move(service), parsed.value_or(spdlog::level::info)));
  }
  if (!parsed) Warn("unknown log level, using info", {{"requested_level", level}});
}

void Flush() {
  if (auto state = StateSlot().load()) state->logger->flush();
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

// ts, level, service, msg first, which is how people scan a log; written directly, the values
// escaped as nlohmann's dump escapes them and invalid UTF-8 replaced (messages often echo client
// input) instead of throwing mid-request.
std::string FormatLine(std::string_view level, std::string_view msg, const nlohmann::json& fields) {
  std::string out = LineHead(level, msg);
  const auto dump = [](const nlohmann::json& v) {
    return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      AppendKey(key, &out);
      out += dump(value);
    }
  } else if (!fields.is_null()) {
    out += ",\"fields\":";
    out += dump(fields);
  }
  out += '}';
  return out;
}

std::string FormatFieldsLine(std::string_view level, std::string_view msg,
                             std::initializer_list<Field> fields) {
  std::string out = LineHead(level, msg);
  for (const auto& f : fields) {
    AppendKey(f.key, &out);
    if (const auto* text = std::get_if<std::string_view>(&f.value)) {
      json::text::AppendString(*text, &out);
    } else if (const auto* whole = std::get_if<std::int64_t>(&f.value)) {
      json::text::AppendInt(*whole, &out);
    } else {
      out += nlohmann::json(std::get<double>(f.value)).dump();  // as Info writes a double
    }
  }
  out += '}';
  return out;
}

void InfoFields(std::string_view msg, std::initializer_list<Field> fields) {
  auto state = CurrentState();
  if (!state->logger->should_log(spdlog::level::info)) return;
  state->logger->log(spdlog::level::info,
                     spdlog::string_view_t(FormatFieldsLine("info", msg, fields)));
}

}  // namespace iris::log
