#include "tests/e2e/api_client.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "absl/strings/ascii.h"

namespace iris::testing {

using nlohmann::json;

std::string UniqueToken() {
  std::mt19937_64 rng(std::random_device{}() ^ static_cast<uint64_t>(::getpid()));
  std::string t = "e2e";
  for (int i = 0; i < 10; ++i) t += static_cast<char>('a' + rng() % 26);
  return t;
}

std::string UrlEncode(const std::string& s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

HttpResult ApiClient::As(const std::string& authorization, const std::string& method,
                         const std::string& path, const std::string& body, Headers headers) const {
  if (!authorization.empty()) headers.push_back({"Authorization", authorization});
  const bool typed = std::any_of(headers.begin(), headers.end(), [](const auto& h) {
    return absl::AsciiStrToLower(h.first) == "content-type";
  });
  // A caller's own Content-Type replaces the default: two would be a 400 (issue 11).
  if (!body.empty() && !typed) headers.push_back({"Content-Type", "application/json"});
  return HttpRequest(method, system_.Url(path), body, headers);
}

std::string ApiClient::SignIn(const std::string& email, const std::string& password) const {
  auto login =
      As("", "POST", "/v1/auth/token", json{{"email", email}, {"password", password}}.dump());
  EXPECT_EQ(login.status, 200) << login.body;
  auto body = json::parse(login.body, nullptr, false);
  return body.is_object() && body.contains("access_token")
             ? "Bearer " + body["access_token"].get<std::string>()
             : "";
}

std::string ApiClient::AdminAuthorization() const {
  return SignIn(System::kAdminEmail, System::kAdminPassword);
}

std::string ApiClient::CreateUserAndSignIn(const std::string& admin_authorization,
                                           const std::string& role, const json& extra,
                                           const std::string& tag) const {
  const std::string email = role + "." + tag + "@e2e.iris.example.org";
  const std::string password = "a long enough password " + tag;
  json user{{"email", email}, {"password", password}, {"name", "E2E " + role}, {"role", role}};
  user.update(extra);
  auto created = As(admin_authorization, "POST", "/v1/users", user.dump());
  EXPECT_EQ(created.status, 201) << created.body;
  return SignIn(email, password);
}

}  // namespace iris::testing
