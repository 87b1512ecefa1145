#include "services/membership/app/account_use_cases.hpp"

#include <algorithm>
#include <set>

#include <sodium.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_join.h"
#include "libs/db/constraints.hpp"
#include "libs/db/outbox.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/status/status.hpp"
#include "libs/values/base64url.hpp"
#include "libs/values/sha256.hpp"
#include "libs/values/uuid.hpp"
#include "services/membership/app/list_filters.hpp"

namespace iris::membership::app {
namespace {

absl::Status InvalidCredentials() {
  return iris::status::WithDetail(absl::UnauthenticatedError("the email or password is wrong"),
                                  "invalid_credentials");
}

absl::Status AccountDisabled() {
  return iris::status::WithDetail(
      absl::UnauthenticatedError("this account is disabled; a network admin can enable it"),
      "account_disabled");
}

absl::Status NeedsSignIn(const identity::Caller& c) {
  if (!c.anonymous()) return absl::OkStatus();
  return absl::UnauthenticatedError("this operation needs credentials");
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

// Who bootstraps the first admin: no user yet, so the audit log names the system.
identity::Caller SystemCaller() { return identity::Caller{.role = "system"}; }

// The payload of membership.user.created / .enabled / .disabled: the one outbox message that
// carries contact (email, name), because notifications learns whom it may write to from it and
// asks membership nothing else. Notifications strips email and name at intake, so they reach
// no feed, inbox or webhook (libs/db/outbox.hpp).
nlohmann::json UserPayload(const domain::User& u) {
  auto or_null = [](const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
  };
  return {{"id", u.id},
          {"email", u.email},
          {"name", u.name},
          {"role", u.role},
          {"organization_id", or_null(u.organization_id)},
          {"country", or_null(u.country)},
          {"status", u.disabled ? "disabled" : "active"}};
}

// What the users table's constraints (V003, V008) mean in a POST /v1/users body. CheckNewUser
// checks the same rules first; these answer when the two ever disagree, and for what only the
// data knows: a taken email, an organisation that does not exist.
constexpr db::ConstraintRule kUserRules[] = {
    {.constraint = "users_email_key",
     .field = "email",
     .message = "a user with this email exists",
     .conflict = "email_taken"},
    {"users_email_check", "email", "must be an email address"},
    {"users_name_check", "name", "is required"},
    {"users_role_check", "role",
     "must be one of network_admin, national_coordinator, member, reviewer, partner"},
    {"users_organization_id_fkey", "organization_id", "is not an organization of the network"},
    {"users_member_has_organization", "organization_id", "is required for a member"},
    {"users_country_fkey", "country", "is not a country of the network"},
    {"users_coordinator_has_country", "country", "is required for a national coordinator"},
};

// The api_keys table's (V003); CheckNewApiKey checks the same first.
constexpr db::ConstraintRule kApiKeyRules[] = {
    {"api_keys_name_check", "name", "is required"},
    {"api_keys_scopes_check", "scopes", "needs at least one of read, write, webhooks:manage"},
};

// Whether a key holding `held` may already do all that one holding `wanted` could (API.md "API
// keys"; the gateway enforces scopes in middleware/auth.cpp): `write` is all the user may do,
// so it covers every scope; any other covers only itself (a webhooks:manage key reaches only
// the routes that declare that scope: routes/route.hpp NeededScope).
bool Covers(const std::vector<std::string>& held, const std::string& wanted) {
  return std::any_of(held.begin(), held.end(), [&](const std::string& h) {
    return h == wanted || (h == "write" && domain::IsScope(wanted));
  });
}

}  // namespace

absl::StatusOr<domain::User> AccountUseCases::Authenticate(std::string_view email,
                                                           std::string_view password) {
  // Bounded before any lookup or hashing: a megabyte "password" is not worth an Argon2 run.
  IRIS_RETURN_IF_ERROR(iris::status::Validation(domain::CheckSignIn(email, password)));
  const std::string normalized = domain::NormalizeEmail(email);
  IRIS_ASSIGN_OR_RETURN(
      auto found, pool_.Read([&](db::Tx& tx) { return repo_.FindCredentials(tx, normalized); }));
  if (!found) {
    hasher_.VerifyDummy(password);
    return InvalidCredentials();
  }
  if (!hasher_.Verify(found->password_hash, password)) return InvalidCredentials();
  if (found->user.disabled) return AccountDisabled();
  return found->user;
}

absl::StatusOr<domain::User> AccountUseCases::GetUser(const identity::Caller& caller,
                                                      const std::string& id) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  // Someone else's account is "not found", not "forbidden": it reveals nothing.
  if (caller.subject != id && !caller.HasRole(domain::kNetworkAdmin)) {
    return absl::NotFoundError("user not found");
  }
  return pool_.Read([&](db::Tx& tx) { return repo_.FindUser(tx, id); });
}

absl::StatusOr<pagination::Page<domain::User>> AccountUseCases::ListUsers(
    const identity::Caller& caller, const storage::UserFilter& filter,
    const pagination::PageParams& page) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  if (!caller.HasRole(domain::kNetworkAdmin)) {
    return absl::PermissionDeniedError("only network admins list users");
  }
  iris::status::Validator v;
  static const std::set<std::string> kRoles{"network_admin", "national_coordinator", "member",
                                            "reviewer", "partner"};
  CheckAllowed("role", filter.role, kRoles, v);
  for (const auto& id : filter.organization_id) {
    if (!values::IsUuid(id)) v.Add("organization_id", "must be an organisation's id (a UUID)");
  }
  storage::UserFilter normalized = filter;
  auto paging = pagination::KeysetRequestOf(page, storage::kUserSorts);
  pagination::KeysetRequest request;
  if (Collect(paging.status(), v)) request = *paging;
  IRIS_ASSIGN_OR_RETURN(
      auto rows, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::User>> {
        IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
        iris::status::Validator all = v;  // a retried read must not add its errors twice
        CheckFilterCodes(*known, normalized.country, {}, all);
        IRIS_RETURN_IF_ERROR(all.FinishMalformed());
        return repo_.ListUsers(tx, normalized, request);
      }));
  return pagination::PageOf(std::move(rows), request, storage::kUserSorts);
}

absl::StatusOr<domain::User> AccountUseCases::CreateUser(const identity::Caller& caller,
                                                         domain::NewUser user) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  // Coordinators bring their country's members in (issue 14); every other account is the
  // network admins' to create.
  const bool coordinator = caller.IsCoordinator();
  if (!caller.HasRole(domain::kNetworkAdmin) && !coordinator) {
    return absl::PermissionDeniedError(
        "only network admins and national coordinators create users");
  }
  if (coordinator && user.role != domain::kMember) {
    return absl::PermissionDeniedError("national coordinators create member accounts only");
  }
  IRIS_RETURN_IF_ERROR(iris::status::Validation(domain::CheckNewUser(user)));
  IRIS_ASSIGN_OR_RETURN(auto hash, hasher_.Hash(user.password));
  auto created = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::User> {
    if (coordinator) {
      // Locked until commit, so the organisation cannot move country in between.
      IRIS_ASSIGN_OR_RETURN(auto country,
                            repo_.OrganizationCountry(tx, user.organization_id.value_or("")));
      if (country != caller.country) {
        return iris::status::Invalid("organization_id", "is not an organization of your country");
      }
    }
    IRIS_ASSIGN_OR_RETURN(auto u, repo_.InsertUser(tx, user, hash));
    db::Change change;
    change.type = "membership.user.created";
    change.subject_type = "user";
    change.subject_id = u.id;
    change.country = u.country.value_or("");
    change.payload = UserPayload(u);
    change.action = "create";
    change.audit = {{"role", u.role}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "membership", caller, change));
    return u;
  });
  return db::ExplainViolation(std::move(created), kUserRules);
}

absl::StatusOr<domain::User> AccountUseCases::SetDisabled(const identity::Caller& caller,
                                                          const std::string& id, bool disabled,
                                                          int64_t expected_version,
                                                          const std::string& note) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  if (!caller.HasRole(domain::kNetworkAdmin)) {
    return absl::PermissionDeniedError("only network admins disable or enable accounts");
  }
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::User> {
    // Locked: concurrent disables and enables each see the state the one before left, so each
    // change is recorded once and If-Match holds.
    IRIS_ASSIGN_OR_RETURN(auto locked, repo_.FindPasswordForUpdate(tx, id));
    const domain::User& before = locked.user;
    if (before.id == caller.subject) {  // the stored id: any spelling of one's own is refused
      // An admin locking itself out would need another admin, or the database, to get back.
      return iris::status::WithDetail(
          absl::FailedPreconditionError("you cannot disable or enable your own account"),
          "invalid_transition");
    }
    IRIS_RETURN_IF_ERROR(iris::status::CheckVersion("user", before.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto u, repo_.SetDisabled(tx, id, disabled));
    if (before.disabled == disabled) return u;  // nothing changed, nothing to record
    if (disabled) IRIS_RETURN_IF_ERROR(repo_.EndSessions(tx, id));
    db::Change change;
    change.type = disabled ? "membership.user.disabled" : "membership.user.enabled";
    change.subject_type = "user";
    change.subject_id = u.id;
    change.country = u.country.value_or("");
    change.payload = UserPayload(u);
    change.action = disabled ? "disable" : "enable";
    change.audit = {{"role", u.role}};
    if (!note.empty()) change.audit["note"] = note;
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "membership", caller, change));
    return u;
  });
}

absl::StatusOr<storage::AccountState> AccountUseCases::GetAccountState(
    const identity::Caller& caller, const std::string& id) {
  if (caller.role != "system") {
    return absl::PermissionDeniedError("only the gateway asks for an account's state");
  }
  return pool_.Read([&](db::Tx& tx) { return repo_.GetAccountState(tx, id); });
}

absl::StatusOr<CreatedApiKey> AccountUseCases::CreateApiKey(const identity::Caller& caller,
                                                            std::string name,
                                                            std::vector<std::string> scopes) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  IRIS_RETURN_IF_ERROR(iris::status::Validation(domain::CheckNewApiKey(name, scopes)));
  // A token (no scopes) acts with all the user may; a key makes keys no wider than itself.
  if (!caller.scopes.empty()) {
    for (const auto& s : scopes) {
      if (!Covers(caller.scopes, s)) {
        return iris::status::WithDetail(
            absl::PermissionDeniedError("a key with scopes " + absl::StrJoin(caller.scopes, ", ") +
                                        " cannot create a key with scope " + s),
            "insufficient_scope");
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
  const std::string_view secret_bytes(reinterpret_cast<const char*>(secret), sizeof secret);
  out.plaintext = "iris_" + out.key.prefix + "_" + values::Base64UrlEncode(secret_bytes);
  sodium_memzero(secret, sizeof secret);
  // The gateway looks keys up by the same hash (middleware/auth.cpp).
  const std::string hash = values::Sha256Hex(out.plaintext);
  absl::Status stored = pool_.Write([&](db::Tx& tx) -> absl::Status {
    IRIS_RETURN_IF_ERROR(repo_.InsertApiKey(tx, out.key, hash));
    db::Change change;
    change.type = "membership.api_key.created";
    change.subject_type = "api_key";
    change.subject_id = out.key.id;
    change.payload = {{"id", out.key.id}, {"user_id", out.key.user_id}, {"scopes", out.key.scopes}};
    change.action = "create";
    change.audit = {{"user_id", out.key.user_id}, {"scopes", out.key.scopes}};
    return db::RecordChange(tx, "membership", caller, change);
  });
  IRIS_RETURN_IF_ERROR(db::ExplainViolation(std::move(stored), kApiKeyRules));
  return out;
}

absl::StatusOr<std::vector<domain::ApiKey>> AccountUseCases::ListApiKeys(
    const identity::Caller& caller) {
  IRIS_RETURN_IF_ERROR(NeedsSignIn(caller));
  std::optional<std::string> owner;
  if (!caller.HasRole(domain::kNetworkAdmin)) owner = caller.subject;
  return pool_.Read([&](db::Tx& tx) { return repo_.ListApiKeys(tx, owner); });
}

absl::Status AccountUseCases::RevokeApiKey(const identity::Caller& caller, const std::string& id) {
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
    return db::RecordChange(tx, "membership", caller, change);
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
  IRIS_RETURN_IF_ERROR(iris::status::Validation(domain::CheckNewUser(admin)));
  IRIS_ASSIGN_OR_RETURN(auto hash, hasher_.Hash(admin.password));
  auto created = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<std::optional<std::string>> {
    IRIS_ASSIGN_OR_RETURN(auto id, repo_.InsertFirstAdmin(tx, admin.email, admin.name, hash));
    if (!id) return id;
    db::Change change;
    change.type = "membership.user.created";
    change.subject_type = "user";
    change.subject_id = *id;
    domain::User created;
    created.id = *id;
    created.email = absl::AsciiStrToLower(admin.email);  // as users_insert_first_admin stores it
    created.name = admin.name;
    created.role = admin.role;
    change.payload = UserPayload(created);
    change.action = "create";
    change.audit = {{"role", admin.role}, {"bootstrap", true}};
    IRIS_RETURN_IF_ERROR(db::RecordChange(tx, "membership", SystemCaller(), change));
    return id;
  });
  // E.g. the email is a non-admin's already: say so, for the operator reading the startup error.
  return db::ExplainViolation(std::move(created), kUserRules);
}

}  // namespace iris::membership::app
