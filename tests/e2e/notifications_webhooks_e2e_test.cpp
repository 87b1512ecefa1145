// Webhooks end to end (issue 16 item 4): a partner's endpoints through the gateway and real
// messages (an organisation registered by the admin travels membership's outbox, the relay and
// notifications' intake) to the verifying receiver of tests/e2e/webhooks_suite.hpp: signatures,
// retries with a stable webhook-id, dead letters and replay, rotation, 410, deletion, SSRF and
// who sees an endpoint.
#include "tests/e2e/webhooks_suite.hpp"

namespace iris::testing {
namespace {

TEST_F(NotificationsWebhooksE2eTest, AnOrganizationReachesThePartnerOnceWithAValidSignature) {
  const std::string path = "/ok/" + token_;
  const auto e = CreateEndpoint(path);
  ASSERT_TRUE(e.value("secret", "").starts_with("whsec_")) << e;
  const size_t secret = Trust(e["secret"]);
  // The secret is shown once: never in a read.
  auto got = As(partner_key_, "GET", "/v1/webhooks/" + e.value("id", ""));
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_TRUE(json::parse(got.body)["secret"].is_null()) << got.body;

  const std::string org = CreateOrg("Webhook once " + token_, "RS");
  auto seen = WaitForRequests(path, org, 1);
  ASSERT_EQ(seen.size(), 1u) << "the message did not arrive (is the relay publishing?)";
  EXPECT_TRUE(seen[0]["verified"][secret].get<bool>()) << seen[0];
  EXPECT_EQ(seen[0]["content_type"], "application/json");
  const auto body = json::parse(seen[0].value("body", ""));
  EXPECT_EQ(body["type"], "membership.organization.created");
  EXPECT_TRUE(body["timestamp"].is_string());
  // Exactly once: nothing more comes.
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(Requests(path, org).size(), 1u);
  // Other suites share the database: organisations they register reach this endpoint too.
  const json mine = DeliveryAbout(e["id"], org);
  ASSERT_TRUE(mine.is_object()) << "no delivery of " << org;
  EXPECT_EQ(mine["status"], "succeeded");
  EXPECT_EQ(mine["webhook_id"], seen[0]["headers"]["webhook-id"]);
  EXPECT_EQ(mine["attempts"].size(), 1u);
}

TEST_F(NotificationsWebhooksE2eTest, AReceiverFailingTwiceGetsTheSameIdTheThirdTimeAndOnRetry) {
  const std::string path = "/fail/2/" + token_;
  const auto e = CreateEndpoint(path);
  const size_t secret = Trust(e["secret"]);
  const std::string org = CreateOrg("Webhook retry " + token_, "RS");
  auto seen = WaitForRequests(path, org, 3);
  ASSERT_EQ(seen.size(), 3u);
  const auto id = seen[0]["headers"]["webhook-id"];
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(seen[i]["headers"]["webhook-id"], id);
    EXPECT_TRUE(seen[i]["verified"][secret].get<bool>()) << seen[i];
    EXPECT_EQ(seen[i]["answered"], i < 2 ? 500 : 200);
  }
  json mine;
  ASSERT_TRUE(Eventually(
      [&] {
        mine = DeliveryAbout(e["id"], org, "succeeded");
        return mine.is_object();
      },
      10s));
  EXPECT_EQ(mine["attempt_count"], 3);
  EXPECT_EQ(mine["attempts"][0]["response_status"], 500);
  // A retry sends it again, with the same webhook-id.
  auto retry =
      As(partner_key_, "POST", "/v1/webhook-deliveries/" + mine.value("id", "") + "/retry");
  ASSERT_EQ(retry.status, 200) << retry.body;
  seen = WaitForRequests(path, org, 4);
  ASSERT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen[3]["headers"]["webhook-id"], id);
  EXPECT_TRUE(seen[3]["verified"][secret].get<bool>());
}

TEST_F(NotificationsWebhooksE2eTest, DeadLettersAfterTheScheduleAndReplayRedelivers) {
  const std::string path = "/fail/1000/" + token_;
  const auto e = CreateEndpoint(path);
  const size_t secret = Trust(e["secret"]);
  const std::string org = CreateOrg("Webhook replay " + token_, "RS");
  auto seen = WaitForRequests(path, org, 5);
  ASSERT_EQ(seen.size(), 5u);
  ASSERT_TRUE(Eventually([&] { return DeliveryAbout(e["id"], org, "failed").is_object(); }, 10s));
  std::this_thread::sleep_for(1500ms);
  EXPECT_EQ(Requests(path, org).size(), 5u) << "a dead letter is not tried again";
  // The partner fixes its receiver (a new path), then replays everything failed since an hour.
  const std::string fixed = "/fixed/" + token_;
  auto patch = As(partner_key_, "PATCH", "/v1/webhooks/" + e.value("id", ""),
                  json{{"url", ReceiverUrl(fixed)}}.dump(),
                  {{"If-Match", "\"" + std::to_string(e["version"].get<int>()) + "\""}});
  ASSERT_EQ(patch.status, 200) << patch.body;
  const auto since = std::chrono::system_clock::now() - 1h;
  const auto t = std::chrono::system_clock::to_time_t(since);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  auto replay = As(partner_key_, "POST", "/v1/webhooks/" + e.value("id", "") + "/replay",
                   json{{"since", when}}.dump());
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_GE(json::parse(replay.body)["replayed"].get<int>(), 1);
  auto again = WaitForRequests(fixed, org, 1);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0]["headers"]["webhook-id"], seen[0]["headers"]["webhook-id"]);
  EXPECT_TRUE(again[0]["verified"][secret].get<bool>());
  // since is required.
  ExpectProblem(As(partner_key_, "POST", "/v1/webhooks/" + e.value("id", "") + "/replay", "{}"),
                422, "since");
}

TEST_F(NotificationsWebhooksE2eTest, DuringARotationBothSecretsVerify) {
  const std::string path = "/rotated/" + token_;
  const auto e = CreateEndpoint(path);
  const size_t old_secret = Trust(e["secret"]);
  auto rotated = As(partner_key_, "POST", "/v1/webhooks/" + e.value("id", "") + "/rotate-secret",
                    "", {{"If-Match", "\"" + std::to_string(e["version"].get<int>()) + "\""}});
  ASSERT_EQ(rotated.status, 200) << rotated.body;
  const auto r = json::parse(rotated.body);
  ASSERT_TRUE(r.value("secret", "").starts_with("whsec_"));
  EXPECT_NE(r["secret"], e["secret"]);
  EXPECT_TRUE(r["previous_secret_expires_at"].is_string()) << r;
  const size_t new_secret = Trust(r["secret"]);
  const std::string org = CreateOrg("Webhook rotation " + token_, "RS");
  auto seen = WaitForRequests(path, org, 1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0]["verified"][old_secret].get<bool>()) << seen[0];
  EXPECT_TRUE(seen[0]["verified"][new_secret].get<bool>()) << seen[0];
  const std::string header = seen[0]["headers"]["webhook-signature"];
  EXPECT_NE(header.find(' '), std::string::npos) << "two signatures: " << header;
}

TEST_F(NotificationsWebhooksE2eTest, GoneDisablesTheEndpoint) {
  const std::string path = "/gone/" + token_;
  const auto e = CreateEndpoint(path);
  Trust(e["secret"]);
  CreateOrg("Webhook gone " + token_, "RS");
  // The first request disables the endpoint, and it may be about another suite's organisation
  // (theirs reach it too): then the test's own message is never sent, so any subject counts.
  ASSERT_GE(WaitForRequests(path, "", 1).size(), 1u);
  json got;
  ASSERT_TRUE(Eventually(
      [&] {
        got = json::parse(As(partner_key_, "GET", "/v1/webhooks/" + e.value("id", "")).body,
                          nullptr, false);
        return got.is_object() && got.value("active", true) == false;
      },
      10s));
  EXPECT_TRUE(got["disabled_reason"].is_string()) << got;
  for (const auto& d : Deliveries(e["id"]).value("items", json::array()))
    EXPECT_EQ(d["status"], "failed") << d;
}

TEST_F(NotificationsWebhooksE2eTest, DeletingAnEndpointStopsItsDeliveries) {
  const std::string path = "/fail/1000/deleted-" + token_;
  const auto e = CreateEndpoint(path);
  Trust(e["secret"]);
  const std::string org = CreateOrg("Webhook deleted " + token_, "RS");
  ASSERT_GE(WaitForRequests(path, org, 1).size(), 1u);
  auto del = As(partner_key_, "DELETE", "/v1/webhooks/" + e.value("id", ""), "",
                {{"If-Match", "\"" + std::to_string(e["version"].get<int>()) + "\""}});
  ASSERT_EQ(del.status, 204) << del.body;
  const size_t after = Requests(path, org).size();
  std::this_thread::sleep_for(2500ms);
  EXPECT_LE(Requests(path, org).size(), after + 1) << "at most the attempt in flight";
  const size_t settled = Requests(path, org).size();
  std::this_thread::sleep_for(2000ms);
  EXPECT_EQ(Requests(path, org).size(), settled);
  EXPECT_EQ(As(partner_key_, "GET", "/v1/webhooks/" + e.value("id", "") + "/deliveries").status,
            404);
}

TEST_F(NotificationsWebhooksE2eTest, SsrfAndOtherSchemesAre422OnUrl) {
  for (const std::string url :
       {"http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "ftp://example.org/x",
        "http://[::ffff:169.254.169.254]/", "http://[fd00:ec2::254]/", "http://192.168.0.1/"}) {
    auto r = As(partner_key_, "POST", "/v1/webhooks",
                json{{"url", url}, {"topics", {"grants.*"}}}.dump());
    ExpectProblem(r, 422, "url");
  }
  // Unknown topics too, in the same answer.
  auto r = As(partner_key_, "POST", "/v1/webhooks",
              json{{"url", "http://10.0.0.1/"}, {"topics", {"no.such"}}}.dump());
  ExpectProblem(r, 422, "url");
  EXPECT_TRUE(FieldsOf(r).count("topics[0]")) << r.body;
}

TEST_F(NotificationsWebhooksE2eTest, OnlyTheOwnerAndAdminsSeeAnEndpoint) {
  const auto e = CreateEndpoint("/private/" + token_);
  const std::string id = e.value("id", "");
  EXPECT_EQ(As(other_partner_, "GET", "/v1/webhooks/" + id).status, 404);
  EXPECT_EQ(As(other_partner_, "DELETE", "/v1/webhooks/" + id).status, 404);
  auto theirs = json::parse(As(other_partner_, "GET", "/v1/webhooks").body);
  for (const auto& item : theirs["items"]) EXPECT_NE(item["id"], id);
  EXPECT_EQ(As(admin_, "GET", "/v1/webhooks/" + id).status, 200);
  EXPECT_EQ(As(partner_, "GET", "/v1/webhooks/" + id).status, 200);

  const std::string member = SignedIn(
      "member",
      json{{"organization_id", org_.empty() ? CreateOrg("Webhook member " + token_, "RS") : org_}},
      "wh-member");
  ExpectProblem(As(member, "GET", "/v1/webhooks"), 403);
  ExpectProblem(As(member, "POST", "/v1/webhooks",
                   json{{"url", ReceiverUrl("/m")}, {"topics", {"grants.*"}}}.dump()),
                403);
  const std::string write_key = KeyOf(partner_, "write");
  auto r = As(write_key, "GET", "/v1/webhooks");
  ExpectProblem(r, 403);
  EXPECT_NE(r.body.find("insufficient_scope"), std::string::npos) << r.body;
}

}  // namespace
}  // namespace iris::testing
