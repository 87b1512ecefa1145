// OWASP API3:2023 Broken Object Property Level Authorization: a caller allowed to write an
// object sends the properties it may not set (mass assignment: status, ids, versions, dates,
// the owning organisation, its own role), and every answer is searched for properties no
// caller should read (password and key hashes, secrets, other people's tokens).
// The contract: a read-only property sent is a 422 naming it, nothing is written (docs/openapi
// .yaml, proto *_mapping "read_only_sent"). The organisations, people and applications suites
// check a few of these as an admin or anonymously; here the member, on its own objects, sends
// every one of them, and the result is read back.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/security/security_support.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

constexpr const char* kOtherId = "00000000-0000-4000-8000-0000000000aa";

class PropertyAuthorizationSecurityTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Props");
    other_org_ = CreateOrg("Props other " + token_, "BA");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
  }
  static void TearDownTestSuite() { Stop(); }

  static json Json(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  // `resource` as the admin reads it, without the fields that move on every read.
  static json Stored(const std::string& path) {
    auto r = As(admin_, "GET", path);
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return Json(r);
  }
  // Each {field: value} sent alone by `who` to `method path` is a 422 naming the field, and
  // the resource at `read_path` is byte for byte what it was.
  static void ExpectEachRefused(const std::string& who, const std::string& method,
                                const std::string& path, const json& fields,
                                const std::string& read_path) {
    const json before = Stored(read_path);
    for (const auto& [field, value] : fields.items()) {
      auto r = As(who, method, path, json{{field, value}}.dump());
      ExpectProblem(r, 422, field);
    }
    EXPECT_EQ(Stored(read_path), before) << method << " " << path;
  }
  // Every field a server sets on a resource, with values an attacker would like.
  static json ServerFields() {
    return {{"id", kOtherId},
            {"version", 999},
            {"created_at", "2000-01-01T00:00:00Z"},
            {"updated_at", "2000-01-01T00:00:00Z"}};
  }

  static inline std::string other_org_, member_;
};

TEST_F(PropertyAuthorizationSecurityTest, AMemberCannotSetWhatStaffOrTheServerOwnsOnItsProfile) {
  const std::string org = "/v1/organizations/" + org_;
  json fields = ServerFields();
  fields.update({{"status", "active"},
                 {"status_note", "approved by myself"},
                 {"status_changed_at", "2000-01-01T00:00:00Z"},
                 {"joined_at", "1999-01-01"},
                 {"contacts", {{{"name", "Fake"}, {"email", "fake@example.org"}}}}});
  ExpectEachRefused(member_, "PATCH", org, fields, org);
  // What only staff may change is a 403 for the member, and stays as it was.
  for (const json& staff_only : {json{{"country", "BA"}}, json{{"kind", "partner"}}}) {
    ExpectProblem(As(member_, "PATCH", org, staff_only.dump()), 403);
  }
  const json now = Stored(org);
  EXPECT_EQ(now.value("country", ""), "RS");
  EXPECT_EQ(now.value("kind", ""), "member_cso");
  // Sent together with a change it may make: the whole request is refused, not half applied.
  auto mixed = As(member_, "PATCH", org, json{{"city", "Kragujevac"}, {"status", "active"}}.dump());
  ExpectProblem(mixed, 422, "status");
  EXPECT_TRUE(Stored(org)["city"].is_null()) << "the allowed half was written";
}

TEST_F(PropertyAuthorizationSecurityTest, AMemberCannotReassignOrStampItsPeopleAndServices) {
  auto person = As(member_, "POST", "/v1/organizations/" + org_ + "/people",
                   json{{"name", "Own person " + token_}}.dump());
  ASSERT_EQ(person.status, 201) << person.body;
  const std::string person_path = "/v1/people/" + Json(person).value("id", "");
  json person_fields = ServerFields();
  person_fields.update(
      {{"organization_id", other_org_}, {"consent_given_at", "2000-01-01T00:00:00Z"}});
  ExpectEachRefused(member_, "PATCH", person_path, person_fields, person_path);

  const std::string services = "/v1/organizations/" + org_ + "/services";
  auto service =
      As(member_, "POST", services,
         json{{"name", {{"en", "Own service " + token_}}}, {"category", "other"}}.dump());
  ASSERT_EQ(service.status, 201) << service.body;
  const std::string service_path = services + "/" + Json(service).value("id", "");
  json service_fields = ServerFields();
  service_fields.update({{"organization_id", other_org_}, {"organization_name", "Someone else"}});
  ExpectEachRefused(member_, "PATCH", service_path, service_fields, service_path);

  // On create too: nothing lands in the other organisation, under any id the caller picked.
  for (const auto& [field, value] : service_fields.items()) {
    json body = {{"name", {{"en", "Planted " + token_}}}, {"category", "other"}};
    body[field] = value;
    ExpectProblem(As(member_, "POST", services, body.dump()), 422, field);
  }
  for (const auto& [field, value] : person_fields.items()) {
    ExpectProblem(As(member_, "POST", "/v1/organizations/" + org_ + "/people",
                     json{{"name", "Planted " + token_}, {field, value}}.dump()),
                  422, field);
  }
  auto listed = As(admin_, "GET", "/v1/organizations/" + other_org_ + "/services");
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(Json(listed)["items"].size(), 0u) << listed.body;
  EXPECT_EQ(As(admin_, "GET", std::string("/v1/people/") + kOtherId).status, 404);
}

// The caller's own account and keys: nothing in a body widens who it is or whose key it makes.
TEST_F(PropertyAuthorizationSecurityTest, KeysAreMadeForTheCallerWithOnlyKnownScopes) {
  const std::string admin_id = Json(As(admin_, "GET", "/v1/me")).value("id", "");
  for (const json& extra :
       {json{{"user_id", admin_id}}, json{{"role", "network_admin"}}, json{{"prefix", "00000000"}},
        json{{"key", "iris_chosen_secret"}}, json{{"id", kOtherId}}}) {
    json body = {{"name", "wider " + token_}, {"scopes", {"read"}}};
    body.update(extra);
    ExpectProblem(As(member_, "POST", "/v1/api-keys", body.dump()), 422, extra.begin().key());
  }
  const size_t keys_before = Json(As(member_, "GET", "/v1/api-keys"))["items"].size();
  for (const json& scopes :
       {json::array({"admin"}), json::array({"*"}), json::array({"write", "network_admin"}),
        json::array({"read:all"}), json::array({"WRITE"})}) {
    ExpectProblem(As(member_, "POST", "/v1/api-keys",
                     json{{"name", "scoped " + token_}, {"scopes", scopes}}.dump()),
                  422);
  }
  // None of those was made.
  auto keys = As(member_, "GET", "/v1/api-keys");
  ASSERT_EQ(keys.status, 200);
  EXPECT_EQ(Json(keys)["items"].size(), keys_before) << keys.body;
}

TEST_F(PropertyAuthorizationSecurityTest, AnApplicantCannotPreDecideOrAttachItsApplication) {
  const json base = {{"organization", {{"name", "Props applicant " + token_}, {"country", "RS"}}},
                     {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                     {"motivation", "We would like to join."}};
  json fields = ServerFields();
  fields.update({{"status", "approved"},
                 {"status_note", "fine"},
                 {"status_changed_at", "2000-01-01T00:00:00Z"},
                 {"organization_id", org_},
                 {"status_token", "iris_as_chosen"},
                 {"status_url", "/v1/application-status/chosen"}});
  for (const auto& [field, value] : fields.items()) {
    json body = base;
    body[field] = value;
    ExpectProblem(As("", "POST", "/v1/membership-applications", body.dump()), 422, field);
  }
  // Inside the organisation: its server-owned fields, and a kind other than a member's.
  json nested = base;
  nested["organization"].update({{"status", "active"}, {"joined_at", "2000-01-01"}});
  auto r = As("", "POST", "/v1/membership-applications", nested.dump());
  ExpectProblem(r, 422, "organization.status");
  EXPECT_TRUE(FieldsOf(r).count("organization.joined_at")) << r.body;
  json partner = base;
  partner["organization"]["kind"] = "international_org";
  ExpectProblem(As("", "POST", "/v1/membership-applications", partner.dump()), 422,
                "organization.kind");
}

// Every answer that carries an account, a key or an application, read by the callers who may
// read it: no key names a secret, no value is a password hash or another credential.
TEST_F(PropertyAuthorizationSecurityTest, NoAnswerCarriesASecretItNeedNot) {
  auto key = As(member_, "POST", "/v1/api-keys",
                json{{"name", "shown once " + token_}, {"scopes", {"read"}}}.dump());
  ASSERT_EQ(key.status, 201) << key.body;
  const std::string secret = Json(key).value("key", "");
  auto applied = As("", "POST", "/v1/membership-applications",
                    json{{"organization", {{"name", "Props secret " + token_}, {"country", "RS"}}},
                         {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                         {"motivation", "Join."}}
                        .dump());
  ASSERT_EQ(applied.status, 201) << applied.body;
  const std::string status_url = Json(applied).value("status_url", "");
  const std::string application = "/v1/membership-applications/" + Json(applied).value("id", "");
  const std::string me_id = Json(As(member_, "GET", "/v1/me")).value("id", "");
  const std::vector<std::pair<std::string, std::string>> reads = {
      {member_, "/v1/me"},
      {"ApiKey " + secret, "/v1/me"},
      {member_, "/v1/users/" + me_id},
      {admin_, "/v1/users/" + me_id},
      {admin_, "/v1/users?limit=200"},
      {member_, "/v1/api-keys"},
      {admin_, "/v1/api-keys"},
      {admin_, application},
      {admin_, "/v1/membership-applications?limit=200"},
      {"", status_url},
      {"", "/v1/organizations/" + org_}};
  for (const auto& [who, path] : reads) {
    auto r = As(who, "GET", path);
    ASSERT_EQ(r.status, 200) << path << ": " << r.body;
    EXPECT_EQ(SecretKeysIn(Json(r)), std::vector<std::string>{}) << path;
    for (const char* value : {"$argon2", "iris_rt_", "iris_as_"}) {
      EXPECT_EQ(r.body.find(value), std::string::npos) << path << " holds " << value;
    }
    EXPECT_EQ(r.body.find(secret), std::string::npos) << path << " repeats the key's secret";
  }
}

}  // namespace
}  // namespace iris::testing
