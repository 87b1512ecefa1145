// What every end-to-end test does through the gateway: authenticated JSON requests, signing in,
// users of a given role, unique names and URL encoding. One copy instead of one per test file.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"

namespace iris::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

// "e2e" + 10 random letters: isolates a test run's data by name, never by order.
std::string UniqueToken();

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string UrlEncode(const std::string& s);

class ApiClient {
 public:
  explicit ApiClient(const System& system) : system_(system) {}

  // A request with `authorization` ("Bearer ..."/"ApiKey ..." or empty for anonymous) and, when
  // there is a body, Content-Type: application/json.
  HttpResult As(const std::string& authorization, const std::string& method,
                const std::string& path, const std::string& body = "", Headers headers = {}) const;

  // "Bearer <token>" for these credentials; empty (and a test failure) if sign-in fails.
  std::string SignIn(const std::string& email, const std::string& password) const;

  // The first network admin that System starts membership with.
  std::string AdminAuthorization() const;

  // Creates a user with `role` (extra: organization_id, country, ...) as the admin, signs it in
  // and returns its authorization. `tag` keeps emails of one run distinct.
  std::string CreateUserAndSignIn(const std::string& admin_authorization, const std::string& role,
                                  const nlohmann::json& extra, const std::string& tag) const;

 private:
  const System& system_;
};

}  // namespace iris::testing
