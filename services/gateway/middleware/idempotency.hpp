// Idempotency-Key on POST (API.md "Idempotency", Stripe's semantics), kept in Redis for 24 h
// per caller and key: the first request with a key does the work and its answer is stored; a
// retry with the same key and request gets that answer again (Idempotent-Replayed: true)
// without doing the work; the same key with another request is a 422; a retry while the first
// is still being served is a 409. 5xx answers are not stored, so a retry after one does the
// work. Keys belong to the caller who sent them (another caller's key never replays). When
// Redis does not answer, the request is served without replay protection and
// iris_idempotency_unavailable_total counts it.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "libs/identity/caller.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "services/gateway/http/http_types.hpp"
#include "services/gateway/middleware/fail_open.hpp"

namespace iris::gateway {

struct IdempotencySettings {
  std::chrono::seconds keep{24 * 3600};  // how long an answer is replayed
  // How long a claim holds while its request is served: longer than any request may take (the
  // upstream deadline), so a gateway that died mid-request frees the key after it.
  std::chrono::seconds claim{60};
};
// The claim of a gateway whose calls may each take `deadline`: a route makes a few calls.
inline std::chrono::seconds ClaimFor(std::chrono::milliseconds deadline) {
  return std::max(std::chrono::seconds(60),
                  std::chrono::duration_cast<std::chrono::seconds>(deadline * 4));
}

class Idempotency {
 public:
  static constexpr size_t kMaxKeyLength = 255;

  Idempotency(iris::redis::Redis& redis, iris::metrics::Metrics& metrics,
              IdempotencySettings settings = {});

  // What a request with a key may do: serve it and then Finish (claimed), or answer `replay`.
  struct Claim {
    std::string record;       // the Redis key; empty: not protected (no key, Redis down)
    std::string fingerprint;  // of the request, stored with its answer
    std::string token;        // this claim's own: Finish touches the record only while it holds it
    std::optional<http::HttpResponse> replay;
  };

  // For a POST: no Idempotency-Key -> an unprotected claim. A key that is empty, longer than
  // kMaxKeyLength or not visible ASCII -> INVALID_ARGUMENT "malformed" (400); the key in use
  // by a request still being served -> ABORTED (409); the key used for another request ->
  // INVALID_ARGUMENT (422).
  absl::StatusOr<Claim> Begin(const http::HttpRequest& request, const identity::Caller& caller);

  // Stores `response` as the key's answer when it follows from the request alone (2xx, and 400,
  // 404, 413, 415, 422); frees the key otherwise (401, 403, 409, 412, 429 and 5xx depend on the
  // moment: a retry is served anew). Only while this claim still holds the key.
  void Finish(const Claim& claim, const http::HttpResponse& response);
  // Frees the key without an answer (the handler failed).
  void Release(const Claim& claim);

 private:
  iris::redis::Redis& redis_;
  const IdempotencySettings settings_;
  FailOpen unavailable_;
};

}  // namespace iris::gateway
