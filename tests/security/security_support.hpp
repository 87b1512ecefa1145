// What the OWASP API Top 10 suite (docs/security.md) needs beyond tests/e2e to attack the
// running system: requests written byte by byte from a chosen loopback address, JWTs forged
// with any header, claims and key, the operations of the served OpenAPI document, and checks
// that an answer gives away nothing of the implementation or of a secret.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {

// --- raw HTTP ---------------------------------------------------------------------------------

// A random 127.x.y.z other than 127.0.0.1. Every suite's requests come from 127.0.0.1 and the
// gateway keys anonymous rate limits and failed sign-ins by address, so an attack sent from an
// address of its own neither spends nor finds another suite's quota.
std::string UniqueLoopbackAddress();

// "METHOD target HTTP/1.1" with Host and Connection: close, `headers` as given (several of one
// name are all sent), and Content-Length when there is a body.
std::string RawRequest(const std::string& method, const std::string& target,
                       const Headers& headers = {}, const std::string& body = "");

// Sends `bytes` on a new connection from `source_ip` and reads the answer until it is complete,
// the server closes, or `timeout` passes. status 0: no answer. `closed_by_server` (optional)
// tells whether the server closed the connection before the timeout.
HttpResult SendRaw(int port, const std::string& bytes, const std::string& source_ip = "127.0.0.1",
                   std::chrono::milliseconds timeout = std::chrono::milliseconds(10000),
                   bool* closed_by_server = nullptr);

// --- JWTs -------------------------------------------------------------------------------------

enum class Hmac { kSha256, kSha384, kSha512 };

// header.claims.signature, the signature an HMAC of `key` over the first two parts.
std::string SignJwt(const nlohmann::json& header, const nlohmann::json& claims,
                    const std::string& key, Hmac hmac = Hmac::kSha256);
// header.claims.`signature` (already base64url, may be empty): for tokens nobody signed.
std::string UnsignedJwt(const nlohmann::json& header, const nlohmann::json& claims,
                        const std::string& signature = "");
// The claims part of a token, decoded (null when it is not one).
nlohmann::json JwtClaimsOf(const std::string& token);
// The header the gateway's own tokens carry ({"alg": "HS256", "typ": "JWT", "kid": "k1"}).
nlohmann::json GatewayJwtHeader();
// Claims as the gateway writes them for `subject`, issued now and valid for ten minutes.
nlohmann::json GatewayJwtClaims(const std::string& subject, const std::string& role,
                                const std::string& organization_id = "",
                                const std::string& country = "");

// --- the contract -----------------------------------------------------------------------------

struct Operation {
  std::string method;  // upper case
  std::string path;    // as documented: /v1/people/{id}
  bool has_body = false;
  bool needs_credentials = false;      // its security names a scheme
  std::vector<nlohmann::json> params;  // resolved parameter objects
  nlohmann::json request_schema;       // the JSON body's schema (null without one)
  std::string Name() const { return method + " " + path; }
};

class OpenApi {
 public:
  // GET /v1/openapi.json of the running gateway: the contract clients read.
  static OpenApi Served(const System& system);

  const std::vector<Operation>& operations() const { return operations_; }
  // `node` with a top-level {"$ref": "#/..."} followed (again, until there is none).
  const nlohmann::json& Resolve(const nlohmann::json& node) const;

 private:
  nlohmann::json doc_;
  std::vector<Operation> operations_;
};

// `path` with every {param} replaced by `value`.
std::string FillPath(const std::string& path, const std::string& value);

// --- leaks ------------------------------------------------------------------------------------

// What `text` gives away of the implementation: SQL, database or gRPC errors, source paths,
// library names, addresses. Empty when nothing.
std::vector<std::string> LeaksIn(const std::string& text);

// Paths (a.b[2].c) of the keys in `doc` whose names say they hold a secret: password, hash,
// secret, salt, private, refresh_token, status_token, access_token.
std::vector<std::string> SecretKeysIn(const nlohmann::json& doc);

}  // namespace iris::testing
