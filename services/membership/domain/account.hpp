// Accounts: users, their roles and scope, password rules and API key rules. Pure, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "services/membership/domain/reference.hpp"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::domain {

// The roles are the identity's (libs/identity), named here as the rules use them.
using identity::kMember;
using identity::kNationalCoordinator;
using identity::kNetworkAdmin;
using identity::kPartner;
using identity::kReviewer;

// Characters (code points), not bytes, as every length of the API.
inline constexpr size_t kMinPasswordLength = 12;
// argon2 happily hashes megabytes; a bound keeps one request from costing more than others
// (1024 characters are at most 4 KiB).
inline constexpr size_t kMaxPasswordLength = 1024;
// read, write, webhooks:manage: a longer list repeats or invents one.
inline constexpr size_t kMaxScopes = 3;

struct User {
  std::string id;
  std::string email;
  std::string name;
  std::string role;
  std::optional<std::string> organization_id;
  std::optional<std::string> country;
  int64_t version = 0;
  bool disabled = false;      // a network admin disabled it: nothing of it works
  int32_t token_version = 1;  // access tokens carry it; a password change or disabling bumps it
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

// Problems (field "password") unless kMinPasswordLength..kMaxPasswordLength characters of valid
// UTF-8.
FieldProblems CheckPassword(std::string_view password);

// Sign-in's bounds: an email of at most kMaxEmailLength and a password of at most
// kMaxPasswordLength characters. Longer ones can match no account, and are refused before the
// lookup and the hash; whether the pair is right is the stored hash's question.
FieldProblems CheckSignIn(std::string_view email, std::string_view password);

// Normalises `user` (email lower-cased, name trimmed, upper-case country) and reports every
// broken rule as a field error: a member needs organization_id, a coordinator a country; the
// other roles take neither, except a reviewer, who may have both.
FieldProblems CheckNewUser(NewUser& user);

// Scopes of API keys: read (GET only), write (all the owner may do), webhooks:manage.
bool IsScope(std::string_view scope);
// Name required (at most 100 characters); scopes non-empty, at most kMaxScopes, known,
// duplicates removed.
FieldProblems CheckNewApiKey(std::string& name, std::vector<std::string>& scopes);

}  // namespace iris::membership::domain
