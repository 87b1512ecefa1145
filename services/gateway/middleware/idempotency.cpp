#include "services/gateway/middleware/idempotency.hpp"

#include <random>

#include <nlohmann/json.hpp>

#include "libs/log/log.hpp"
#include "libs/status/status.hpp"
#include "libs/values/sha256.hpp"
#include "services/gateway/middleware/auth.hpp"

namespace iris::gateway {
namespace {

using Type = iris::redis::RedisReply::Type;

// KEYS[1]: the record. ARGV: the claim, its lifetime in ms. Claims the key when it is free;
// otherwise returns what it holds (a claim or an answer), in one step so two requests with one
// key can never both claim it.
constexpr const char* kClaimScript = R"lua(
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
return redis.call('GET', KEYS[1])
)lua";

// KEYS[1]: the record. ARGV: this claim's token, then "SET" with the answer and its lifetime
// in seconds, or "DEL". Changes the record only while it is still this claim's: a claim that
// outlived its lifetime must not overwrite or free a later request's.
constexpr const char* kFinishScript = R"lua(
local held = redis.call('GET', KEYS[1])
if not held then return 0 end
local ok, record = pcall(cjson.decode, held)
if not ok or record.t ~= ARGV[1] then return 0 end
if ARGV[2] == 'SET' then
  redis.call('SET', KEYS[1], ARGV[3], 'EX', ARGV[4])
else
  redis.call('DEL', KEYS[1])
end
return 1
)lua";

// Answers that follow from the request alone, so a retry must get them again.
bool Keeps(int status) {
  if (status >= 200 && status < 300) return true;
  return status == 400 || status == 404 || status == 413 || status == 415 || status == 422;
}

std::string Token() {
  std::random_device rd;
  return std::to_string(rd()) + "-" + std::to_string(rd()) + "-" + std::to_string(rd());
}

bool IsVisibleAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

// What makes two requests the same request: method, path, query, the headers that change its
// meaning (If-Match, Content-Type) and body, byte for byte; each part length-prefixed, so no
// two different requests write the same text.
std::string Fingerprint(const http::HttpRequest& request) {
  std::string text;
  auto part = [&text](std::string_view s) {
    text += std::to_string(s.size());
    text += ':';
    text += s;
  };
  part(request.method);
  part(request.path);
  for (const auto& [name, value] : request.query) {
    part(name);
    part(value);
  }
  part(request.HeaderValue("if-match").value_or(""));
  part(request.HeaderValue("content-type").value_or(""));
  part(request.body);
  return values::Sha256Hex(text);
}

nlohmann::json Stored(const std::string& fingerprint, const http::HttpResponse& response) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& h : response.headers) headers.push_back({h.name, h.value});
  return {{"f", fingerprint},
          {"status", response.status},
          {"headers", std::move(headers)},
          {"body", response.body}};
}

std::optional<http::HttpResponse> Replay(const nlohmann::json& stored) {
  if (!stored.contains("status") || !stored["status"].is_number_integer() ||
      !stored.contains("body") || !stored["body"].is_string() || !stored.contains("headers") ||
      !stored["headers"].is_array()) {
    return std::nullopt;
  }
  http::HttpResponse r;
  r.status = stored["status"].get<int>();
  r.body = stored["body"].get<std::string>();
  for (const auto& h : stored["headers"]) {
    if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) {
      r.headers.push_back({h[0].get<std::string>(), h[1].get<std::string>()});
    }
  }
  r.headers.push_back({"Idempotent-Replayed", "true"});
  return r;
}

}  // namespace

Idempotency::Idempotency(iris::redis::Redis& redis, iris::metrics::Metrics& metrics,
                         IdempotencySettings settings)
    : redis_(redis),
      settings_(settings),
      unavailable_(metrics, "iris_idempotency_unavailable_total",
                   "POST requests with an Idempotency-Key served without replay protection "
                   "because Redis did not answer",
                   "idempotency keys") {}

absl::StatusOr<Idempotency::Claim> Idempotency::Begin(const http::HttpRequest& request,
                                                      const identity::Caller& caller) {
  Claim claim;
  const auto key = request.HeaderValue("idempotency-key");
  if (!key) return claim;
  if (key->empty() || key->size() > kMaxKeyLength || !IsVisibleAscii(*key)) {
    return status::Malformed("Idempotency-Key", "must be 1 to " + std::to_string(kMaxKeyLength) +
                                                    " visible ASCII characters (a UUID is best)");
  }
  claim.fingerprint = Fingerprint(request);
  const std::string record =
      "iris:idempotency:" + values::Sha256Hex(ScopeOf(request, caller) + "\n" + *key);
  claim.token = Token();
  const std::string claimed =
      nlohmann::json{{"f", claim.fingerprint}, {"claim", true}, {"t", claim.token}}.dump();
  auto reply = redis_.Command({"EVAL", kClaimScript, "1", record, claimed,
                               std::to_string(std::chrono::milliseconds(settings_.claim).count())});
  if (!reply.ok() || (reply->type != Type::kNil && reply->type != Type::kString)) {
    unavailable_.Failed(reply.ok() ? absl::InternalError("unexpected reply") : reply.status());
    return claim;  // served without protection
  }
  unavailable_.Succeeded();
  if (reply->type == Type::kNil) {  // ours now
    claim.record = record;
    return claim;
  }
  const auto held = nlohmann::json::parse(reply->str, nullptr, /*allow_exceptions=*/false);
  if (!held.is_object() || held.value("f", "") != claim.fingerprint) {
    return status::WithDetail(
        absl::InvalidArgumentError("this Idempotency-Key was used for a different request in "
                                   "the last 24 hours; use a new key for a new request"),
        "idempotency_key_reused");
  }
  if (held.value("claim", false)) {
    return status::WithDetail(
        absl::AbortedError("a request with this Idempotency-Key is still being served; retry "
                           "when it has been answered"),
        "idempotency_in_flight");
  }
  claim.replay = Replay(held);
  if (!claim.replay) return absl::InternalError("stored idempotent answer is unreadable");
  return claim;
}

void Idempotency::Finish(const Claim& claim, const http::HttpResponse& response) {
  if (claim.record.empty()) return;
  if (!Keeps(response.status)) return Release(claim);
  nlohmann::json stored = Stored(claim.fingerprint, response);
  stored["t"] = claim.token;
  auto reply =
      redis_.Command({"EVAL", kFinishScript, "1", claim.record, claim.token, "SET",
                      stored.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                      std::to_string(settings_.keep.count())});
  // Redis gone since the claim: the claim expires by itself; a retry meanwhile is a 409.
  if (!reply.ok()) unavailable_.Failed(reply.status());
}

void Idempotency::Release(const Claim& claim) {
  if (claim.record.empty()) return;
  auto reply = redis_.Command({"EVAL", kFinishScript, "1", claim.record, claim.token, "DEL"});
  if (!reply.ok()) unavailable_.Failed(reply.status());
}

}  // namespace iris::gateway
