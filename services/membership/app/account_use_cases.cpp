#include "services/membership/app/account_use_cases.hpp"

#include <sodium.h>

#include <algorithm>

#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"

namespace iris::membership::app {
namespace {

absl::Status Problems(const domain::FieldProblems& problems) {
  std::vector<iris::status::FieldError> errors;
  for (const auto& p : problems) errors.push_back({p.field, p.message});
  return errors.empty() ? absl::OkStatus() : iris::status::Invalid(std::move(errors));
}

db::Actor ActorOf(const Caller& c) { return {c.subject, c.role, c.request_id}; }

absl::Status InvalidCredentials() {
  return iris::status::WithDetail(absl::UnauthenticatedError("the email or password is wrong"),
                                  "invalid_credentials");
}

absl::Status NeedsSignIn(const Caller& c) {
  if (!c.anonymous()) return absl::OkStatus();
  return absl::UnauthenticatedError("this operation needs credentials");
}

std::string Base64Url(const unsigned char* bytes, size_t n) {
  std::string out(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

}  // namespace

std::string AccountUseCases::HashApiKey(std::string_view key) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  return Hex(digest, sizeof digest);
}

absl::StatusOr<domain::User> AccountUseCases::Authenticate(std::string_view email,
                                                           std::string_view password) {
  const std::string normalized = domain::NormalizeEmail(email);
  IRIS_ASSIGN_OR_RETURN(
      auto found, pool_.Read([&](db::Tx& tx) { return repo_.FindCredentials(tx, normalized); }));
  if (!found) {
    hasher_.VerifyDummy(password);
    return InvalidCredentials();
  }
  if (!hasher_.Verify(found->password_hash, password)) return InvalidCredentials();
  return found->user;
}

absl::StatusOr<domain::User> AccountUseCases::GetUser(const Caller& caller, const std::string& id) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  // Someone else's account is "not found", not "forbidden": it reveals nothing.
  if (caller.subject != id && !caller.HasRole(domain::kNetworkAdmin)) {
    return absl::NotFoundError("user not found");
  }
  return pool_.Read([&](db::Tx& tx) { return repo_.FindUser(tx, id); });
}

absl::StatusOr<domain::User> AccountUseCases::CreateUser(const Caller& caller,
                                                         domain::NewUser user) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  if (!caller.HasRole(domain::kNetworkAdmin)) {
    return absl::PermissionDeniedError("only network admins create users");
  }
  IRIS_RETURN_IF_ERROR(Problems(domain::CheckNewUser(user)));
  IRIS_ASSIGN_OR_RETURN(auto hash, hasher_.Hash(user.password));
  auto created = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::User> {
    IRIS_ASSIGN_OR_RETURN(auto u, repo_.InsertUser(tx, user, hash));
    db::Change change;
    change.type = "membership.user.created";
    change.subject_type = "user";
    change.subject_id = u.id;
    change.country = u.country.value_or("");
    change.payload = {{"id", u.id}, {"role", u.role}};
    change.action = "create";
    change.audit = {{"role", u.role}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "membership", ActorOf(caller), change));
    return u;
  });
  if (created.status().code() == absl::StatusCode::kAlreadyExists) {
    return iris::status::WithDetail(absl::AlreadyExistsError("a user with this email exists"),
                                    "email_taken");
  }
  if (created.status().code() == absl::StatusCode::kFailedPrecondition) {
    // The only foreign key of users is the country.
    return iris::status::Invalid("country", "is not a country of the network");
  }
  return created;
}

absl::StatusOr<CreatedApiKey> AccountUseCases::CreateApiKey(const Caller& caller, std::string name,
                                                            std::vector<std::string> scopes) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  IRIS_RETURN_IF_ERROR(Problems(domain::CheckNewApiKey(name, scopes)));
  if (!caller.scopes.empty()) {
    for (const auto& s : scopes) {
      if (std::find(caller.scopes.begin(), caller.scopes.end(), s) == caller.scopes.end()) {
        return absl::PermissionDeniedError("a key cannot create a key with scope " + s);
      }
    }
  }
  unsigned char prefix_bytes[4];
  unsigned char secret[32];
  randombytes_buf(prefix_bytes, sizeof prefix_bytes);
  randombytes_buf(secret, sizeof secret);
  CreatedApiKey out;
  out.key.user_id = caller.subject;
  out.key.name = std::move(name);
  out.key.prefix = Hex(prefix_bytes, sizeof prefix_bytes);
  out.key.scopes = std::move(scopes);
  out.plaintext = "iris_" + out.key.prefix + "_" + Base64Url(secret, sizeof secret);
  sodium_memzero(secret, sizeof secret);
  const std::string hash = HashApiKey(out.plaintext);
  IRIS_RETURN_IF_ERROR(pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_RETURN_IF_ERROR(repo_.InsertApiKey(tx, out.key, hash));
    db::Change change;
    change.type = "membership.api_key.created";
    change.subject_type = "api_key";
    change.subject_id = out.key.id;
    change.payload = {{"id", out.key.id}, {"user_id", out.key.user_id}, {"scopes", out.key.scopes}};
    change.action = "create";
    change.audit = {{"user_id", out.key.user_id}, {"scopes", out.key.scopes}};
    return db::RecordChange(tx, "membership", ActorOf(caller), change);
  }));
  return out;
}

absl::StatusOr<std::vector<domain::ApiKey>> AccountUseCases::ListApiKeys(const Caller& caller) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  std::optional<std::string> owner;
  if (!caller.HasRole(domain::kNetworkAdmin)) owner = caller.subject;
  return pool_.Read([&](db::Tx& tx) { return repo_.ListApiKeys(tx, owner); });
}

absl::Status AccountUseCases::RevokeApiKey(const Caller& caller, const std::string& id) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  std::optional<std::string> owner;
  if (!caller.HasRole(domain::kNetworkAdmin)) owner = caller.subject;
  return pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto user_id, repo_.RevokeApiKey(tx, id, owner));
    db::Change change;
    change.type = "membership.api_key.revoked";
    change.subject_type = "api_key";
    change.subject_id = id;
    change.payload = {{"id", id}, {"user_id", user_id}};
    change.action = "revoke";
    change.audit = {{"user_id", user_id}};
    return db::RecordChange(tx, "membership", ActorOf(caller), change);
  });
}

absl::StatusOr<storage::ResolvedKey> AccountUseCases::ResolveApiKey(const std::string& key_hash) {
  if (key_hash.size() != 64) return absl::NotFoundError("API key not found");
  return pool_.Read([&](db::Tx& tx) { return repo_.ResolveApiKey(tx, key_hash); });
}

absl::StatusOr<std::optional<std::string>> AccountUseCases::BootstrapAdmin(
    std::string_view email, std::string_view password) {
  domain::NewUser admin{std::string(email), std::string(password),
                        "Network admin",    std::string(domain::kNetworkAdmin),
                        std::nullopt,       std::nullopt};
  IRIS_RETURN_IF_ERROR(Problems(domain::CheckNewUser(admin)));
  IRIS_ASSIGN_OR_RETURN(auto hash, hasher_.Hash(admin.password));
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<std::optional<std::string>> {
    IRIS_ASSIGN_OR_RETURN(auto id, repo_.InsertFirstAdmin(tx, admin.email, admin.name, hash));
    if (!id) return id;
    db::Change change;
    change.type = "membership.user.created";
    change.subject_type = "user";
    change.subject_id = *id;
    change.payload = {{"id", *id}, {"role", admin.role}};
    change.action = "create";
    change.audit = {{"role", admin.role}, {"bootstrap", true}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "membership", {"", "system", ""}, change));
    return id;
  });
}

}  // namespace iris::membership::app
