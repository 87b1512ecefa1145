#include "libs/pagination/keyset.hpp"

#include <algorithm>
#include <charconv>

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
      int64_t micros = 0;
      const char* end = key.data() + key.size();
      auto [ptr, ec] = std::from_chars(key.data(), end, micros);
      return !key.empty() && ec == std::errc() && ptr == end;
    }
    case KeyKind::kDate:
      if (key == "infinity") return true;
      return key.size() == 10 && key[4] == '-' && key[7] == '-' &&
             std::all_of(key.begin(), key.end(),
                         [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
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
  if (k == j.end() || !k->is_string() || i == j.end() || !i->is_string()) return BadPosition();
  Keyset out{k->get<std::string>(), i->get<std::string>()};
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
