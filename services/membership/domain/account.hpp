// Accounts: users, their roles and scope, password rules and API key rules. Pure, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "services/membership/domain/reference.hpp"

namespace iris::membership::domain {

// The roles are the identity's (libs/identity), named here as the rules use them.
using identity::kMember;
using identity::kNationalCoordinator;
using identity::kNetworkAdmin;
using identity::kPartner;
using identity::kReviewer;

inline constexpr size_t kMinPasswordLength = 12;  // characters (code points), not bytes
// argon2 happily hashes megabytes; a bound keeps one request from costing more than others.
inline constexpr size_t kMaxPasswordBytes = 1024;

struct User {
  std::string id;
  std::string email;
  std::string name;
  std::string role;
  std::optional<std::string> organization_id;
  std::optional<std::string> country;
  int64_t version = 0;
  Time created_at;
  Time updated_at;
};

// What a network admin sends to create a user. The password is hashed before storage.
struct NewUser {
  std::string email;
  std::string password;
  std::string name;
  std::string role;
  std::optional<std::string> organization_id;
  std::optional<std::string> country;
};

struct ApiKey {
  std::string id;
  std::string user_id;
  std::string name;
  std::string prefix;
  std::vector<std::string> scopes;
  Time created_at;
};

// A broken rule of one field; app/ turns a list of them into a 422 status.
struct FieldProblem {
  std::string field;
  std::string message;
};
using FieldProblems = std::vector<FieldProblem>;

// Lower-cased and trimmed; the form emails are stored and looked up in.
std::string NormalizeEmail(std::string_view email);

// Problems (field "password") unless 12..kMaxPasswordBytes long and valid UTF-8.
FieldProblems CheckPassword(std::string_view password);

// Normalises `user` (email lower-cased, name trimmed, upper-case country) and reports every
// broken rule as a field error: a member needs organization_id, a coordinator a country; the
// other roles take neither, except a reviewer, who may have both.
FieldProblems CheckNewUser(NewUser& user);

// Scopes of API keys: read (GET only), write (all the owner may do), webhooks:manage.
bool IsScope(std::string_view scope);
// Name required (at most 100 characters); scopes non-empty, known, duplicates removed.
FieldProblems CheckNewApiKey(std::string& name, std::vector<std::string>& scopes);

}  // namespace iris::membership::domain
