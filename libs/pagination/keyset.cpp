#include "libs/pagination/keyset.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::pagination {
namespace {

absl::Status BadPosition() { return status::Malformed("cursor", "is not a position in this list"); }

// Text keys are names and e-mail addresses; nothing a list sorts by is longer.
constexpr size_t kMaxTextKeyBytes = 4096;

// A key of `kind` as the cursor keeps it; the key becomes a SQL parameter of that type, so a
// forged one must be refused here rather than fail in Postgres.
bool IsKeyOf(KeyKind kind, const std::string& key) {
  switch (kind) {
    case KeyKind::kInstant: {
      // Microseconds within years 1..9999, which Postgres and RFC 3339 both write.
      constexpr int64_t kMin = -62135596800000000, kMax = 253402300799999999;
      int64_t micros = 0;
      const char* end = key.data() + key.size();
      auto [ptr, ec] = std::from_chars(key.data(), end, micros);
      return !key.empty() && ec == std::errc() && ptr == end && micros >= kMin && micros <= kMax;
    }
    case KeyKind::kDate: {
      if (key == "infinity") return true;
      int y = 0, m = 0, d = 0;
      if (key.size() != 10 || key[4] != '-' || key[7] != '-' ||
          std::sscanf(key.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 ||
          !std::all_of(key.begin(), key.end(),
                       [](char c) { return c == '-' || (c >= '0' && c <= '9'); })) {
        return false;
      }
      const std::chrono::year_month_day date{std::chrono::year(y), std::chrono::month(m),
                                             std::chrono::day(d)};
      return y >= 1 && date.ok();
    }
    case KeyKind::kText:
      return key.size() <= kMaxTextKeyBytes && key.find('\0') == std::string::npos;
  }
  return false;
}

}  // namespace

std::string EncodeKeyset(const Keyset& k) {
  return nlohmann::json{{"k", k.key}, {"i", k.id}}.dump();
}

absl::StatusOr<std::optional<Keyset>> DecodeKeyset(std::string_view position, KeyKind kind) {
  if (position.empty()) return std::nullopt;
  const auto j = nlohmann::json::parse(position, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadPosition();
  const auto k = j.find("k");
  const auto i = j.find("i");
  if (i == j.end() || !i->is_string()) return BadPosition();
  Keyset out{"", i->get<std::string>()};
  if (k != j.end() && k->is_string()) {
    out.key = k->get<std::string>();
  } else if (const auto c = j.find("c");
             kind == KeyKind::kInstant && k == j.end() && c != j.end() && c->is_number_integer()) {
    // A cursor issued before lists could be sorted ({"c": micros}, created_at order): pages
    // that were being walked during an upgrade go on.
    out.key = std::to_string(c->get<int64_t>());
  } else {
    return BadPosition();
  }
  if (!IsKeyOf(kind, out.key) || !values::IsUuid(out.id)) return BadPosition();
  return out;
}

absl::StatusOr<KeysetRequest> KeysetRequestOf(const PageParams& params,
                                              std::span<const SortName> fields) {
  if (params.limit < 0 || params.limit > kMaxLimit) return MalformedLimit();
  KeysetRequest req;
  req.limit = params.limit == 0 ? kDefaultLimit : params.limit;
  IRIS_ASSIGN_OR_RETURN(req.order, ParseSort(params.sort, fields));
  IRIS_ASSIGN_OR_RETURN(req.after, DecodeKeyset(params.cursor, req.order.kind));
  req.include_total = params.include_total;
  return req;
}

}  // namespace iris::pagination
