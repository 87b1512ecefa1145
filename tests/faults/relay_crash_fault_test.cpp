// The outbox relay killed at its worst moment: membership runs with the test hook
// IRIS_RELAY_FAULT=exit_after_publish, so its relay ends the process (exit status 75) right after
// notifications accepted a batch and before the commit that marks the rows published. After a
// restart without the hook the relay publishes the same rows again; notifications stores the
// message once (by id), fans it out once, and the outbox row ends up marked.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "libs/relay/relay.hpp"
#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/faults/dependencies.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;

// One number from the test database, as its superuser (both schemas are read).
int64_t Number(const std::string& sql, const std::string& param) {
  pqxx::connection conn(AdminDatabaseUrl());
  pqxx::nontransaction tx(conn);
  return tx.exec_params(sql, param)[0][0].as<int64_t>();
}

int64_t UnpublishedMembershipRows() {
  pqxx::connection conn(AdminDatabaseUrl());
  pqxx::nontransaction tx(conn);
  return tx.exec("SELECT count(*) FROM membership.outbox WHERE published_at IS NULL")[0][0]
      .as<int64_t>();
}

TEST(RelayCrashFaultTest, AMessagePublishedButNotMarkedIsStoredAndFannedOutOnce) {
  EnsureDependenciesUp();
  System system;
  ApiClient api(system);
  const std::string admin = api.AdminAuthorization();
  ASSERT_FALSE(admin.empty());
  // A staff member who follows new organisations in the inbox and by mail: notifications learns
  // the account from membership.user.created (its contact rides in that payload) and the
  // subscription is written straight into its table, as PUT /v1/me/subscriptions would.
  const std::string tag = UniqueToken();
  const auto user = api.As(admin, "POST", "/v1/users",
                           nlohmann::json{{"email", "relay." + tag + "@e2e.iris.example.org"},
                                          {"password", "a long enough password " + tag},
                                          {"name", "Relay " + tag},
                                          {"role", "network_admin"}}
                               .dump());
  ASSERT_EQ(user.status, 201) << user.body;
  const std::string user_id = nlohmann::json::parse(user.body)["id"].get<std::string>();
  ASSERT_TRUE(Eventually(
      [&] {
        return Number(
                   "SELECT count(*) FROM notifications.recipients WHERE id = $1 AND"
                   " email = 'relay." +
                       tag + "@e2e.iris.example.org' AND active",
                   user_id) == 1;
      },
      30s))
      << "notifications never learnt the new account; membership log:\n"
      << system.membership().LogTail();
  Number(
      "INSERT INTO notifications.subscriptions (recipient_id, topics, channels) VALUES"
      " ($1, ARRAY['membership.organization.created'], ARRAY['inbox', 'email'])"
      " RETURNING 1",
      user_id);
  // What earlier suites left in membership's outbox is published first, so the hook below
  // fires on this test's own message and not on an older one.
  ASSERT_TRUE(Eventually([] { return UnpublishedMembershipRows() == 0; }, 30s))
      << "membership's outbox never drained; membership log:\n"
      << system.membership().LogTail();

  system.KillMembership();
  system.StartService("membership", {{"IRIS_RELAY_FAULT", "exit_after_publish"}});
  ASSERT_TRUE(system.WaitReady(30s)) << system.membership().LogTail();

  const std::string name = "Relay crash " + UniqueToken();
  const auto created =
      api.As(admin, "POST", "/v1/organizations",
             nlohmann::json{{"name", name}, {"country", "RS"}, {"kind", "member_cso"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string org_id = nlohmann::json::parse(created.body)["id"].get<std::string>();

  // Published, then the process ended before marking: exit status 75, the row unmarked, and
  // notifications already holds the message.
  EXPECT_EQ(system.membership().Wait(15s), iris::relay::kFaultExitCode)
      << system.membership().LogTail();
  const std::string outbox_id = [&] {
    pqxx::connection conn(AdminDatabaseUrl());
    pqxx::nontransaction tx(conn);
    const auto r = tx.exec_params(
        "SELECT id::text FROM membership.outbox WHERE subject_id = $1 AND"
        " type = 'membership.organization.created'",
        org_id);
    return r.size() == 1 ? r[0][0].as<std::string>() : std::string();
  }();
  ASSERT_FALSE(outbox_id.empty()) << "one outbox row for the new organisation";
  EXPECT_EQ(Number("SELECT count(*) FROM membership.outbox WHERE id = $1::uuid AND"
                   " published_at IS NULL",
                   outbox_id),
            1);
  EXPECT_EQ(Number("SELECT count(*) FROM notifications.messages WHERE id = $1::uuid", outbox_id),
            1);
  const auto inbox_before =
      Number("SELECT count(*) FROM notifications.inbox WHERE message_id = $1::uuid", outbox_id);
  const auto mail_before = Number(
      "SELECT count(*) FROM notifications.mail_queue WHERE message_id = $1::uuid", outbox_id);
  EXPECT_EQ(inbox_before, 1) << "the subscriber's inbox item";
  EXPECT_EQ(mail_before, 1) << "the subscriber's mail";
  const auto webhooks_before =
      Number("SELECT count(*) FROM notifications.webhook_deliveries WHERE message_id = $1::uuid",
             outbox_id);

  // Back without the hook: the same row is published again and, this time, marked.
  system.StartService("membership");
  ASSERT_TRUE(Eventually(
      [&] {
        return Number(
                   "SELECT count(*) FROM membership.outbox WHERE id = $1::uuid AND"
                   " published_at IS NOT NULL",
                   outbox_id) == 1;
      },
      30s))
      << system.membership().LogTail();

  // Stored once: one message for the change, under the outbox row's id, in the feed once.
  EXPECT_EQ(Number("SELECT count(*) FROM notifications.messages WHERE source = 'membership'"
                   " AND type = 'membership.organization.created' AND subject_id = $1",
                   org_id),
            1);
  EXPECT_EQ(Number("SELECT count(*) FROM notifications.messages WHERE id = $1::uuid", outbox_id),
            1);
  // Fanned out once: the redelivery added no inbox item, mail or webhook delivery.
  EXPECT_EQ(
      Number("SELECT count(*) FROM notifications.inbox WHERE message_id = $1::uuid", outbox_id),
      inbox_before);
  EXPECT_EQ(Number("SELECT count(*) FROM notifications.mail_queue WHERE message_id = $1::uuid",
                   outbox_id),
            mail_before);
  EXPECT_EQ(
      Number("SELECT count(*) FROM notifications.webhook_deliveries WHERE message_id = $1::uuid",
             outbox_id),
      webhooks_before);
  // Delivered once: the subscriber's one mail is sent and is the only one in the mailbox
  // (every System's mail workers write to System::MailDir()).
  const std::string address = "<relay." + tag + "@e2e.iris.example.org>";
  auto mails_to_subscriber = [&] {
    int n = 0;
    const std::filesystem::path dir = system.MailDir();
    if (!std::filesystem::exists(dir)) return 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".eml") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      n += text.str().find(address) != std::string::npos;
    }
    return n;
  };
  ASSERT_TRUE(Eventually(
      [&] {
        return Number(
                   "SELECT count(*) FROM notifications.mail_queue WHERE message_id = $1::uuid"
                   " AND status = 'sent'",
                   outbox_id) == 1;
      },
      30s));
  EXPECT_EQ(mails_to_subscriber(), 1);
  EXPECT_TRUE(system.WaitReady(30s));
}

}  // namespace
}  // namespace iris::testing
