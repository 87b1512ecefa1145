#include "libs/pagination/keyset.hpp"

#include <nlohmann/json.hpp>

#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::pagination {
namespace {

absl::Status BadPosition() { return status::Malformed("cursor", "is not a position in this list"); }

}  // namespace

std::string EncodeKeyset(const Keyset& k) {
  return nlohmann::json{{"c", k.created_at_us}, {"i", k.id}}.dump();
}

absl::StatusOr<std::optional<Keyset>> DecodeKeyset(std::string_view position) {
  if (position.empty()) return std::nullopt;
  const auto j = nlohmann::json::parse(position, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadPosition();
  const auto c = j.find("c");
  const auto i = j.find("i");
  if (c == j.end() || !c->is_number_integer() || i == j.end() || !i->is_string()) {
    return BadPosition();
  }
  Keyset k{c->get<int64_t>(), i->get<std::string>()};
  // The id goes to SQL as a uuid parameter: a forged one would be a database error, not a 400.
  if (!values::IsUuid(k.id)) return BadPosition();
  return k;
}

absl::StatusOr<KeysetRequest> KeysetRequestOf(int limit, std::string_view cursor) {
  if (limit < 0 || limit > kMaxLimit) return MalformedLimit();
  KeysetRequest req;
  req.limit = limit == 0 ? kDefaultLimit : limit;
  IRIS_ASSIGN_OR_RETURN(req.after, DecodeKeyset(cursor));
  return req;
}

}  // namespace iris::pagination
