// Webhooks end to end (issue 16 item 4): a partner's endpoints through the gateway, real
// messages (an organisation registered by the admin travels membership's outbox, the relay and
// notifications' intake) and a real receiver on loopback (tests/webhooks/receiver.mjs) that
// verifies every request with the standardwebhooks npm library, not with our own code.
// The System's retry schedule is 1s,1s,1s,1s: five attempts, then dead letter.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

class NotificationsWebhooksE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    // System runs every service with IRIS_WEBHOOK_RETRY_SCHEDULE=1s,1s,1s,1s.
    system_ = new System();
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
    StartReceiver();
    partner_ = SignedIn("partner", json::object(), "wh-partner");
    other_partner_ = SignedIn("partner", json::object(), "wh-partner2");
    partner_key_ = KeyOf(partner_, "webhooks:manage");
    ASSERT_FALSE(partner_key_.empty());
  }
  static void TearDownTestSuite() {
    receiver_.reset();
    Stop();
  }

  // Installs tests/webhooks' npm packages (as scripts/test.sh does tests/openapi's) and starts
  // the receiver on a free loopback port.
  static void StartReceiver() {
    const std::string root = IRIS_SOURCE_DIR;
    const std::string install = "cd '" + root +
                                "' && bash -c 'source scripts/lib/common.sh && source "
                                "scripts/lib/npm.sh && iris_npm_ci \"$PWD/tests/webhooks\"'";
    ASSERT_EQ(std::system(install.c_str()), 0) << "npm ci in tests/webhooks failed";
    dir_ = ::testing::TempDir() + "/webhooks-" + token_;
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/secrets").flush();
    receiver_ = std::make_unique<ChildProcess>(
        "/usr/bin/env",
        std::vector<std::string>{"node", root + "/tests/webhooks/receiver.mjs", "--port-file",
                                 dir_ + "/port", "--secrets", dir_ + "/secrets", "--log",
                                 dir_ + "/requests.jsonl"},
        std::vector<std::pair<std::string, std::string>>{}, dir_ + "/receiver.log");
    ASSERT_TRUE(Eventually([] { return std::filesystem::exists(dir_ + "/port"); }, 15s))
        << receiver_->LogTail();
    std::ifstream(dir_ + "/port") >> port_;
  }

  // An API key of `owner` with one scope: "ApiKey <key>".
  static std::string KeyOf(const std::string& owner, const std::string& scope) {
    auto r = As(owner, "POST", "/v1/api-keys",
                json{{"name", scope + " " + token_}, {"scopes", {scope}}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const auto body = json::parse(r.body, nullptr, false);
    return body.is_object() ? "ApiKey " + body.value("key", "") : "";
  }

  static std::string ReceiverUrl(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Adds a secret the receiver verifies with; its index in every request's `verified`.
  static size_t Trust(const std::string& secret) {
    secrets_.push_back(secret);
    std::ofstream out(dir_ + "/secrets.tmp");
    for (const auto& s : secrets_) out << s << "\n";
    out.close();
    std::filesystem::rename(dir_ + "/secrets.tmp", dir_ + "/secrets");
    return secrets_.size() - 1;
  }

  // Creates an endpoint for organisation messages at the receiver's `path`; its JSON.
  static json CreateEndpoint(const std::string& path) {
    auto r = As(partner_key_, "POST", "/v1/webhooks",
                json{{"url", ReceiverUrl(path)},
                     {"topics", {"membership.organization.created"}},
                     {"description", "e2e " + path}}
                    .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  // The requests the receiver got at `path` about subject `subject_id`.
  static std::vector<json> Requests(const std::string& path, const std::string& subject_id) {
    std::vector<json> out;
    std::ifstream in(dir_ + "/requests.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto r = json::parse(line, nullptr, false);
      if (!r.is_object() || r.value("path", "") != path) continue;
      auto body = json::parse(r.value("body", ""), nullptr, false);
      if (body.is_object() && body["data"].value("id", "") == subject_id) out.push_back(r);
    }
    return out;
  }
  static std::vector<json> WaitForRequests(const std::string& path, const std::string& subject,
                                           size_t n) {
    Eventually([&] { return Requests(path, subject).size() >= n; }, 60s, 100ms);
    return Requests(path, subject);
  }

  static json Deliveries(const std::string& endpoint_id, const std::string& query = "") {
    auto r = As(partner_key_, "GET", "/v1/webhooks/" + endpoint_id + "/deliveries" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  static inline std::unique_ptr<ChildProcess> receiver_;
  static inline std::string dir_, partner_, other_partner_, partner_key_;
  static inline int port_ = 0;
  static inline std::vector<std::string> secrets_;
};

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
  json mine;
  for (const auto& d : Deliveries(e["id"]).value("items", json::array())) {
    if (d["subject_id"] == org) mine = d;
  }
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
        for (const auto& d :
             Deliveries(e["id"], "?status=succeeded").value("items", json::array())) {
          if (d["subject_id"] == org) mine = d;
        }
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
  ASSERT_TRUE(Eventually(
      [&] {
        for (const auto& d : Deliveries(e["id"], "?status=failed").value("items", json::array())) {
          if (d["subject_id"] == org) return true;
        }
        return false;
      },
      10s));
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
  const std::string org = CreateOrg("Webhook gone " + token_, "RS");
  ASSERT_EQ(WaitForRequests(path, org, 1).size(), 1u);
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

namespace iris::testing {
namespace {

// Mails in System::MailDir() addressed to `address`.
int MailsTo(const std::string& dir, const std::string& address) {
  int n = 0;
  if (!std::filesystem::exists(dir)) return 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".eml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    n += text.str().find("<" + address + ">") != std::string::npos;
  }
  return n;
}

// The "done when": an approved membership application and a grants change each reach
// a subscribed person's inbox and mailbox and a partner's webhook exactly once.
TEST_F(NotificationsWebhooksE2eTest,
       AnApprovalAGrantsChangeAndAnEventReachInboxMailboxAndWebhookOnce) {
  const std::string org = CreateOrg("Flow " + token_, "RS");
  const auto person = SignedIn("member", {{"organization_id", org}}, "flow");
  const std::string address = "member.flow." + token_ + "@e2e.iris.example.org";
  const json topics = {"membership.application.approved", "grants.call.opened",
                       "events.event.published"};
  auto chosen = As(person, "PUT", "/v1/me/subscriptions",
                   json{{"topics", topics}, {"channels", {"inbox", "email"}}}.dump());
  ASSERT_EQ(chosen.status, 200) << chosen.body;
  const std::string path = "/flow/" + token_;
  auto endpoint = As(partner_key_, "POST", "/v1/webhooks",
                     json{{"url", ReceiverUrl(path)}, {"topics", topics}}.dump());
  ASSERT_EQ(endpoint.status, 201) << endpoint.body;
  const size_t secret = Trust(json::parse(endpoint.body)["secret"]);

  // A membership application, approved.
  auto submitted = As("", "POST", "/v1/membership-applications",
                      json{{"organization",
                            {{"name", "Flow applicant " + token_},
                             {"country", "ME"},
                             {"city", "Podgorica"},
                             {"target_groups", {"roma"}}}},
                           {"contact", {{"name", "Ana"}, {"email", "ana@example.org"}}},
                           {"motivation", "Supported housing in Podgorica."}}
                          .dump());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string application = json::parse(submitted.body)["id"];
  auto approved = As(admin_, "POST", "/v1/membership-applications/" + application + "/approve",
                     json{{"note", "Welcome"}}.dump());
  ASSERT_EQ(approved.status, 200) << approved.body;

  // A grants change: a call opened.
  const json eur = {{"amount", 800000}, {"currency", "EUR"}};
  auto call = As(
      admin_, "POST", "/v1/grant-calls",
      json{{"title", {{"en", "Flow call " + token_}}},
           {"opens_at", "2026-01-01T00:00:00Z"},
           {"closes_at", "2035-12-31T00:00:00Z"},
           {"budget", {{"amount", 5000000}, {"currency", "EUR"}}},
           {"max_award", eur},
           {"eligible_countries", {"RS", "ME"}},
           {"criteria", {{{"key", "relevance"}, {"name", {{"en", "Relevance"}}}, {"weight", 100}}}}}
          .dump());
  ASSERT_EQ(call.status, 201) << call.body;
  const std::string call_id = json::parse(call.body)["id"];
  ASSERT_EQ(As(admin_, "POST", "/v1/grant-calls/" + call_id + "/open").status, 200);

  // An event published (the events service's relay, like every service's).
  auto event = As(admin_, "POST", "/v1/events",
                  json{{"kind", "peer_review"},
                       {"title", {{"en", "Flow peer review " + token_}}},
                       {"format", "online"},
                       {"online_url", "https://meet.example.org/flow"},
                       {"starts_at", "2035-07-07T08:00:00Z"},
                       {"ends_at", "2035-07-07T14:00:00Z"},
                       {"country", "ME"}}
                      .dump());
  ASSERT_EQ(event.status, 201) << event.body;
  const std::string event_id = json::parse(event.body)["id"];
  ASSERT_EQ(As(admin_, "POST", "/v1/events/" + event_id + "/publish").status, 200);

  auto inbox_count = [&](const std::string& type, const std::string& subject) {
    auto r = As(person, "GET", "/v1/me/inbox?limit=200");
    int n = 0;
    for (const auto& item : json::parse(r.body, nullptr, false).value("items", json::array())) {
      n += item.value("type", "") == type && item.value("subject_id", "") == subject;
    }
    return n;
  };
  auto all_arrived = [&] {
    return inbox_count("membership.application.approved", application) >= 1 &&
           inbox_count("grants.call.opened", call_id) >= 1 &&
           inbox_count("events.event.published", event_id) >= 1 &&
           MailsTo(system_->MailDir(), address) >= 3 && !Requests(path, application).empty() &&
           !Requests(path, call_id).empty() && !Requests(path, event_id).empty();
  };
  ASSERT_TRUE(Eventually(all_arrived, 30s, 100ms))
      << "inbox " << inbox_count("membership.application.approved", application) << "/"
      << inbox_count("grants.call.opened", call_id) << "/"
      << inbox_count("events.event.published", event_id) << ", mails "
      << MailsTo(system_->MailDir(), address) << ", webhooks " << Requests(path, application).size()
      << "/" << Requests(path, call_id).size() << "/" << Requests(path, event_id).size();
  // Exactly once, also a while later.
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(inbox_count("membership.application.approved", application), 1);
  EXPECT_EQ(inbox_count("grants.call.opened", call_id), 1);
  EXPECT_EQ(inbox_count("events.event.published", event_id), 1);
  EXPECT_EQ(MailsTo(system_->MailDir(), address), 3);
  for (const std::string& subject : {application, call_id, event_id}) {
    const auto seen = Requests(path, subject);
    ASSERT_EQ(seen.size(), 1u) << subject;
    EXPECT_TRUE(seen[0]["verified"][secret].get<bool>()) << seen[0];
  }
}

}  // namespace
}  // namespace iris::testing
