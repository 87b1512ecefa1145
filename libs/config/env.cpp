#include "libs/config/env.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <utility>

namespace iris::config {
namespace {

// Echoing the whole value of a misconfigured variable helps, but not a page of it.
std::string Quote(std::string_view value) {
  constexpr std::size_t kMaxEcho = 64;
  std::string shown(value.substr(0, kMaxEcho));
  if (value.size() > kMaxEcho) shown += "...";
  return "'" + shown + "'";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Whole-string integer parse: no sign games, spaces or trailing garbage.
template <typename Int>
std::optional<Int> ParseWhole(std::string_view s) {
  Int value{};
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

bool LooksLikeInteger(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

Env::Env()
    : lookup_([](const std::string& name) -> std::optional<std::string> {
        // getenv is only safe while nobody calls setenv; main() reads config before threads.
        const char* v = std::getenv(name.c_str());
        if (v == nullptr) return std::nullopt;
        return std::string(v);
      }) {}

Env::Env(Lookup lookup) : lookup_(std::move(lookup)) {}

std::optional<std::string> Env::Get(const std::string& name) const {
  auto v = lookup_(name);
  if (!v || v->empty()) return std::nullopt;
  return v;
}

void Env::Fail(const std::string& name, std::string message) {
  errors_.push_back({name, std::move(message)});
}

std::string Env::String(const std::string& name, std::string def) {
  auto v = Get(name);
  return v ? *v : std::move(def);
}

std::string Env::Required(const std::string& name) {
  auto v = Get(name);
  if (!v) {
    Fail(name, "is required");
    return "";
  }
  return *v;
}

int Env::Int(const std::string& name, int def, int min, int max) {
  auto v = Get(name);
  if (!v) return def;
  auto n = ParseWhole<int>(*v);
  if (!n) {
    Fail(name, LooksLikeInteger(*v) ? Quote(*v) + " is out of range " + std::to_string(min) + ".." +
                                          std::to_string(max)
                                    : Quote(*v) + " is not a number");
    return def;
  }
  if (*n < min || *n > max) {
    Fail(name, Quote(*v) + " is out of range " + std::to_string(min) + ".." + std::to_string(max));
    return def;
  }
  return *n;
}

int Env::Port(const std::string& name, int def) {
  auto v = Get(name);
  if (!v) return def;
  auto n = ParseWhole<int>(*v);
  if (!n) {
    Fail(name,
         Quote(*v) + (LooksLikeInteger(*v) ? " is not a port (0..65535)" : " is not a number"));
    return def;
  }
  if (*n < 0 || *n > 65535) {
    Fail(name, Quote(*v) + " is not a port (0..65535)");
    return def;
  }
  return *n;
}

bool Env::Bool(const std::string& name, bool def) {
  auto v = Get(name);
  if (!v) return def;
  const std::string s = Lower(*v);
  if (s == "1" || s == "true" || s == "yes" || s == "on") return true;
  if (s == "0" || s == "false" || s == "no" || s == "off") return false;
  Fail(name, Quote(*v) + " is not a boolean (true/false, 1/0, yes/no, on/off)");
  return def;
}

std::string Env::OneOf(const std::string& name, std::string def,
                       const std::vector<std::string>& choices) {
  auto v = Get(name);
  if (!v) return def;
  const std::string s = Lower(*v);
  std::string listed;
  for (const auto& c : choices) {
    if (Lower(c) == s) return c;
    listed += (listed.empty() ? "" : ", ") + c;
  }
  Fail(name, Quote(*v) + " is not one of: " + listed);
  return def;
}

std::chrono::milliseconds Env::Millis(const std::string& name, std::chrono::milliseconds def,
                                      std::chrono::milliseconds min,
                                      std::chrono::milliseconds max) {
  auto v = Get(name);
  if (!v) return def;
  std::string_view s = *v;
  // Longest suffix first so "ms" is not read as "m" followed by garbage.
  static constexpr std::pair<std::string_view, std::int64_t> kUnits[] = {
      {"ms", 1}, {"s", 1000}, {"m", 60'000}, {"h", 3'600'000}};
  std::int64_t scale = 1;
  for (const auto& [suffix, factor] : kUnits) {
    if (s.size() > suffix.size() && s.ends_with(suffix)) {
      s.remove_suffix(suffix.size());
      scale = factor;
      break;
    }
  }
  auto n = ParseWhole<std::int64_t>(s);
  const std::string range = " is out of range " + std::to_string(min.count()) + "ms.." +
                            std::to_string(max.count()) + "ms";
  if (!n) {
    Fail(name, Quote(*v) + (LooksLikeInteger(s) ? range
                                                : " is not a duration (milliseconds, or a "
                                                  "number with ms/s/m/h)"));
    return def;
  }
  // Compare before multiplying so a huge count cannot overflow into range.
  if (*n > max.count() / scale || *n < min.count() / scale - 1) {
    Fail(name, Quote(*v) + range);
    return def;
  }
  const std::chrono::milliseconds value(*n * scale);
  if (value < min || value > max) {
    Fail(name, Quote(*v) + range);
    return def;
  }
  return value;
}

absl::Status Env::Finish() const {
  if (errors_.empty()) return absl::OkStatus();
  // status::Invalid() summarises as "first (and N more)"; an operator wants every variable in
  // the one line that reaches the log, so the message lists them all with the same detail.
  std::string message;
  for (const auto& e : errors_) {
    if (!message.empty()) message += "; ";
    message += e.field + ": " + e.message;
  }
  return status::WithDetail(absl::InvalidArgumentError(message), "validation", errors_);
}

void ExitWithConfigErrors(const absl::Status& status) {
  const auto detail = status::DetailOf(status);
  if (detail.errors_size() == 0) {
    std::fprintf(stderr, "config: %s\n", std::string(status.message()).c_str());
  }
  for (const auto& e : detail.errors()) {
    std::fprintf(stderr, "config: %s: %s\n", e.field().c_str(), e.message().c_str());
  }
  std::fflush(stderr);
  std::exit(2);
}

std::string ServiceEnvPrefix(std::string_view service) {
  std::string prefix = "IRIS_";
  for (char c : service) {
    prefix += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return prefix + "_";
}

}  // namespace iris::config
