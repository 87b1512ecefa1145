// The intake against the real schema: each message stored once by id (a redelivered batch
// adds nothing), seq in the order given, contact kept as a recipient and out of the message,
// deadlines learnt and removed, and the fan-out to inboxes, mails and webhook deliveries by
// topic, country, channel and audience, with the role's defaults until a person chooses.
#include "services/notifications/app/intake.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "libs/db/migrator.hpp"
#include "libs/db/pool.hpp"
#include "notifications_migrations.hpp"
#include "services/notifications/storage/pg_message_repository.hpp"
#include "services/notifications/storage/statements.hpp"
#include "services/notifications/tests/mail_fixture.hpp"

namespace iris::notifications {
namespace {

using testing::NewUuid;

values::Time Now() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

domain::Message Msg(const std::string& type, const std::string& subject, nlohmann::json payload,
                    const std::string& country = "") {
  if (payload.is_null()) payload = nlohmann::json::object();  // `{}` in a call is null
  return {.id = NewUuid(),
          .source = type.substr(0, type.find('.')),
          .type = type,
          .subject_id = subject,
          .country = country,
          .actor = "system",
          .request_id = "req-intake-db",
          .payload = std::move(payload),
          .occurred_at = Now(),
          .source_position = 1};
}

class IntakeDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_TRUE(db::MigrateService(testing::DatabaseUrl(), "notifications", migrations::kAll).ok());
  }

  app::IntakeResult Accept(const std::vector<domain::Message>& batch) {
    auto r = intake_.Accept(batch);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? *r : app::IntakeResult{};
  }

  int64_t Count(const std::string& sql) {
    auto n = pool_.Read(
        [&](db::Tx& tx) -> absl::StatusOr<int64_t> { return tx.ExecSql(sql)[0][0].as<int64_t>(); });
    EXPECT_TRUE(n.ok()) << n.status();
    return n.ok() ? *n : -1;
  }
  std::string Text(const std::string& sql) {
    auto v = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<std::string> {
      auto r = tx.ExecSql(sql);
      return r.empty() || r[0][0].is_null() ? std::string("<none>") : r[0][0].as<std::string>();
    });
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : "";
  }
  void Exec(const std::string& sql) {
    auto s = pool_.Write([&](db::Tx& tx) -> absl::Status {
      tx.ExecSql(sql);
      return absl::OkStatus();
    });
    ASSERT_TRUE(s.ok()) << s;
  }

  // A person as membership announces it (membership.user.created with contact); its id.
  std::string Person(const std::string& role, const std::string& organization = "",
                     const std::string& country = "") {
    const std::string id = NewUuid();
    nlohmann::json p = {
        {"id", id},
        {"email", id.substr(0, 8) + "@example.org"},
        {"name", "Person " + id.substr(0, 8)},
        {"role", role},
        {"organization_id",
         organization.empty() ? nlohmann::json(nullptr) : nlohmann::json(organization)},
        {"country", country.empty() ? nlohmann::json(nullptr) : nlohmann::json(country)},
        {"status", "active"}};
    Accept({Msg("membership.user.created", id, p)});
    return id;
  }

  int64_t Inbox(const std::string& person, const domain::Message& m) {
    return Count("SELECT count(*) FROM notifications.inbox WHERE recipient_id = '" + person +
                 "' AND message_id = '" + m.id + "'");
  }
  int64_t Mail(const std::string& person, const domain::Message& m) {
    return Count("SELECT count(*) FROM notifications.mail_queue WHERE recipient_id = '" + person +
                 "' AND message_id = '" + m.id + "'");
  }

  db::Pool pool_{db::PoolConfig{.url = testing::DatabaseUrl(), .size = 2}, storage::Statements()};
  storage::PgMessageRepository repo_;
  app::Wakeup mail_wakeup_, webhook_wakeup_;
  app::Intake intake_{pool_, repo_, mail_wakeup_, webhook_wakeup_};
};

TEST_F(IntakeDbTest, StoresEachMessageOnceAndARedeliveredBatchAddsNothing) {
  const std::string org = NewUuid();
  const std::string member = Person("member", org, "RS");
  const auto opened =
      Msg("grants.call.opened", NewUuid(), {{"status", "draft"}, {"eligible_countries", {"RS"}}});
  const auto submitted = Msg("grants.application.submitted", NewUuid(),
                             {{"organization_id", org}, {"call_id", NewUuid()}}, "RS");
  const auto first = Accept({opened, submitted});
  EXPECT_EQ(first.stored, 2);
  EXPECT_EQ(first.duplicates, 0);
  EXPECT_EQ(Inbox(member, opened), 1);
  EXPECT_EQ(Inbox(member, submitted), 1);
  EXPECT_EQ(Mail(member, submitted), 1);
  const int64_t inbox_rows = Count("SELECT count(*) FROM notifications.inbox");

  const auto again = Accept({opened, submitted});
  EXPECT_EQ(again.stored, 0);
  EXPECT_EQ(again.duplicates, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications.messages WHERE id IN ('" + opened.id +
                  "', '" + submitted.id + "')"),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM notifications.inbox"), inbox_rows);
  EXPECT_EQ(Inbox(member, submitted), 1);
}

TEST_F(IntakeDbTest, SeqFollowsTheOrderGivenAndTheFeedFlagFollowsTheCatalogue) {
  std::vector<domain::Message> batch;
  for (int i = 0; i < 4; ++i) {
    batch.push_back(Msg("membership.organization.updated", NewUuid(), {{"n", i}}));
  }
  batch.push_back(Msg("membership.api_key.created", NewUuid(), {}));
  Accept(batch);
  int64_t previous = 0;
  for (size_t i = 0; i < 4; ++i) {
    const int64_t seq = std::stoll(
        Text("SELECT seq::text FROM notifications.messages WHERE id = '" + batch[i].id + "'"));
    EXPECT_GT(seq, previous) << i;
    previous = seq;
  }
  EXPECT_EQ(
      Text("SELECT in_feed::text FROM notifications.messages WHERE id = '" + batch[0].id + "'"),
      "true");
  EXPECT_EQ(Text("SELECT in_feed::text || audience FROM notifications.messages WHERE id = '" +
                 batch[4].id + "'"),
            "falseinternal");
  // organization_key "": the organisation is the subject itself.
  EXPECT_EQ(
      Text("SELECT organization_id FROM notifications.messages WHERE id = '" + batch[0].id + "'"),
      batch[0].subject_id);
}

TEST_F(IntakeDbTest, ContactIsKeptAsARecipientAndNeverInTheMessage) {
  const std::string id = NewUuid();
  const auto created = Msg("membership.user.created", id,
                           {{"id", id},
                            {"email", "ana@example.org"},
                            {"name", "Ana"},
                            {"role", "national_coordinator"},
                            {"organization_id", nullptr},
                            {"country", "ME"},
                            {"status", "active"}});
  Accept({created});
  EXPECT_EQ(Text("SELECT payload::text FROM notifications.messages WHERE id = '" + created.id + "'")
                .find("example.org"),
            std::string::npos);
  EXPECT_EQ(Text("SELECT (payload ? 'name')::text FROM notifications.messages WHERE id = '" +
                 created.id + "'"),
            "false");
  EXPECT_EQ(Text("SELECT email || '|' || name || '|' || role || '|' || country || '|' || "
                 "active::text FROM notifications.recipients WHERE id = '" +
                 id + "'"),
            "ana@example.org|Ana|national_coordinator|ME|true");

  auto disabled = Msg("membership.user.disabled", id,
                      {{"id", id},
                       {"email", "ana@example.org"},
                       {"name", "Ana"},
                       {"role", "national_coordinator"},
                       {"country", "ME"},
                       {"status", "disabled"}});
  Accept({disabled});
  EXPECT_EQ(Text("SELECT active::text FROM notifications.recipients WHERE id = '" + id + "'"),
            "false");
  // An inactive person receives nothing, whatever it subscribed to.
  const auto applied = Msg("membership.application.submitted", NewUuid(), {}, "ME");
  Accept({applied});
  EXPECT_EQ(Inbox(id, applied), 0);
}

TEST_F(IntakeDbTest, DeadlinesAreLearntMovedAndRemoved) {
  const std::string call = NewUuid();
  const std::string where =
      "FROM notifications.deadlines WHERE kind = 'grants.call.closing' "
      "AND subject_id = '" +
      call + "'";
  // A draft's update sets nothing.
  Accept({Msg("grants.call.updated", call,
              {{"status", "draft"}, {"closes_at", "2031-01-10T12:00:00Z"}})});
  EXPECT_EQ(Count("SELECT count(*) " + where), 0);
  Accept({Msg("grants.call.opened", call,
              {{"status", "open"},
               {"closes_at", "2031-01-10T12:00:00Z"},
               {"title", {{"en", "Small grants"}}},
               {"eligible_countries", {"RS", "BA"}}})});
  EXPECT_EQ(Text("SELECT to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' ' || "
                 "array_to_string(countries, ',') || ' ' || (payload->'title'->>'en') " +
                 where),
            "2031-01-10 12:00 RS,BA Small grants");
  Exec("UPDATE notifications.deadlines SET reminded_at = now() WHERE subject_id = '" + call + "'");
  // The same deadline again keeps its reminder; a moved one is reminded again.
  Accept({Msg("grants.call.updated", call,
              {{"status", "open"}, {"closes_at", "2031-01-10T12:00:00Z"}})});
  EXPECT_EQ(Count("SELECT count(*) " + where + " AND reminded_at IS NOT NULL"), 1);
  Accept({Msg("grants.call.updated", call,
              {{"status", "open"}, {"closes_at", "2031-02-10T12:00:00Z"}})});
  EXPECT_EQ(Count("SELECT count(*) " + where +
                  " AND reminded_at IS NULL AND due_at = "
                  "'2031-02-10T12:00:00Z'"),
            1);
  Accept({Msg("grants.call.closed", call, {{"status", "closed"}})});
  EXPECT_EQ(Count("SELECT count(*) " + where), 0);
}

TEST_F(IntakeDbTest, FanOutFollowsAudienceCountriesAndRoleDefaults) {
  const std::string org_a = NewUuid(), org_b = NewUuid();
  const std::string member_a = Person("member", org_a, "RS");
  const std::string member_b = Person("member", org_b, "RS");
  const std::string admin = Person("network_admin");
  const std::string coordinator_rs = Person("national_coordinator", "", "RS");
  const std::string coordinator_ba = Person("national_coordinator", "", "BA");
  const std::string reviewer = Person("reviewer");
  const std::string other_reviewer = Person("reviewer");

  const auto submitted =
      Msg("grants.application.submitted", NewUuid(), {{"organization_id", org_a}}, "RS");
  const auto applied = Msg("membership.application.submitted", NewUuid(), {}, "RS");
  const auto assigned = Msg("grants.reviewer.assigned", NewUuid(),
                            {{"organization_id", org_a}, {"reviewer_id", reviewer}}, "RS");
  Accept({submitted, applied, assigned});

  // Organisation audience: its own members and staff, not another organisation.
  EXPECT_EQ(Inbox(member_a, submitted), 1);
  EXPECT_EQ(Inbox(member_b, submitted), 0);
  EXPECT_EQ(Inbox(admin, submitted), 1);
  // Staff audience: the coordinator of its country (own-country defaults), not another's.
  EXPECT_EQ(Inbox(coordinator_rs, applied), 1);
  EXPECT_EQ(Mail(coordinator_rs, applied), 1);
  EXPECT_EQ(Inbox(coordinator_ba, applied), 0);
  EXPECT_EQ(Inbox(member_a, applied), 0);
  // The person a message names receives it whatever the audience; nobody else of its role.
  EXPECT_EQ(Inbox(reviewer, assigned), 1);
  EXPECT_EQ(Inbox(other_reviewer, assigned), 0);
  EXPECT_EQ(Inbox(member_a, assigned), 0);
}

TEST_F(IntakeDbTest, AChoiceReplacesTheDefaultsByTopicCountryAndChannel) {
  const std::string org = NewUuid();
  const std::string member = Person("member", org, "RS");
  const auto before = Msg("grants.call.opened", NewUuid(), {{"eligible_countries", {"RS"}}});
  Accept({before});
  EXPECT_EQ(Inbox(member, before), 1);
  EXPECT_EQ(Mail(member, before), 1);

  Exec(
      "INSERT INTO notifications.subscriptions (recipient_id, topics, countries, channels) "
      "VALUES ('" +
      member +
      "', ARRAY['grants.call.*', 'events.*'], ARRAY['BA'], "
      "ARRAY['inbox'])");
  const auto elsewhere = Msg("grants.call.opened", NewUuid(), {{"eligible_countries", {"RS"}}});
  const auto here = Msg("grants.call.opened", NewUuid(), {{"eligible_countries", {"BA", "ME"}}});
  const auto regional = Msg("grants.call.finalized", NewUuid(), {});
  const auto other_topic =
      Msg("grants.application.submitted", NewUuid(), {{"organization_id", org}}, "BA");
  Accept({elsewhere, here, regional, other_topic});
  EXPECT_EQ(Inbox(member, elsewhere), 0);
  EXPECT_EQ(Inbox(member, here), 1);
  EXPECT_EQ(Mail(member, here), 0);       // inbox only
  EXPECT_EQ(Inbox(member, regional), 1);  // no countries: everyone's
  EXPECT_EQ(Inbox(member, other_topic), 0);

  // An empty choice: nothing at all.
  Exec("UPDATE notifications.subscriptions SET topics = '{}' WHERE recipient_id = '" + member +
       "'");
  const auto nothing = Msg("grants.call.opened", NewUuid(), {{"eligible_countries", {"BA"}}});
  Accept({nothing});
  EXPECT_EQ(Inbox(member, nothing), 0);
}

TEST_F(IntakeDbTest, WebhookDeliveriesForMatchingActiveEndpointsTheirOwnerMaySee) {
  auto endpoint = [&](const std::string& role, const std::string& topics, bool active) {
    const std::string id = NewUuid();
    const std::string owner = NewUuid();  // an active account: disabled owners receive nothing
    Exec("INSERT INTO notifications.recipients (id, email, role) VALUES ('" + owner + "', '" +
         owner + "@example.org', '" + role + "')");
    Exec(
        "INSERT INTO notifications.webhook_endpoints (id, owner_id, owner_role, url, topics, "
        "active, secret_sealed) VALUES ('" +
        id + "', '" + owner + "', '" + role + "', 'https://crm.example.org/hook', " + topics +
        ", " + (active ? "true" : "false") + ", '\\x00'::bytea)");
    return id;
  };
  const std::string partner = endpoint("partner", "ARRAY['grants.*']", true);
  const std::string admin = endpoint("network_admin", "ARRAY['*']", true);
  const std::string inactive = endpoint("network_admin", "ARRAY['*']", false);
  const std::string events_only = endpoint("partner", "ARRAY['events.*']", true);

  const auto opened = Msg("grants.call.opened", NewUuid(), {{"eligible_countries", {"RS"}}});
  const auto submitted =
      Msg("grants.application.submitted", NewUuid(), {{"organization_id", NewUuid()}}, "RS");
  const auto internal = Msg("membership.api_key.created", NewUuid(), {});
  Accept({opened, submitted, internal});
  auto deliveries = [&](const std::string& endpoint_id, const domain::Message& m) {
    return Count("SELECT count(*) FROM notifications.webhook_deliveries WHERE endpoint_id = '" +
                 endpoint_id + "' AND message_id = '" + m.id + "' AND status = 'pending'");
  };
  EXPECT_EQ(deliveries(partner, opened), 1);
  EXPECT_EQ(deliveries(partner, submitted), 0);  // a partner's: public messages only
  EXPECT_EQ(deliveries(admin, opened), 1);
  EXPECT_EQ(deliveries(admin, submitted), 1);
  EXPECT_EQ(deliveries(admin, internal), 0);
  EXPECT_EQ(deliveries(inactive, opened), 0);
  EXPECT_EQ(deliveries(events_only, opened), 0);
  // Redelivered: no second delivery.
  Accept({opened});
  EXPECT_EQ(deliveries(admin, opened), 1);
}

}  // namespace
}  // namespace iris::notifications
