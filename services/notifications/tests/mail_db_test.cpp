// The mail worker against real Postgres and a real SMTP server on loopback: a message reaches
// each subscriber once, in the subscriber's language; a refusing server is retried until it
// accepts; without IRIS_SMTP_URL each mail is an .eml file; a mail nobody can receive fails.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "services/notifications/app/mail_sender.hpp"
#include "services/notifications/app/mail_worker.hpp"
#include "services/notifications/storage/pg_mail_repository.hpp"
#include "services/notifications/tests/mail_fixture.hpp"

namespace iris::notifications::testing {
namespace {

class MailDbTest : public NotificationsDbTest {
 protected:
  std::unique_ptr<app::MailWorker> Worker(
      app::MailSender& sender,
      std::vector<std::chrono::milliseconds> backoff = app::DefaultMailBackoff()) {
    auto templates = domain::MailTemplates::Embedded();
    EXPECT_TRUE(templates.ok()) << templates.status();
    return std::make_unique<app::MailWorker>(
        pool_, repo_, sender, *std::move(templates), mail_wakeup_, metrics_,
        app::MailWorkerOptions{.from_address = "notifications@iris.example",
                               .from_name = "IRIS",
                               .public_base_url = "https://iris.example",
                               .poll = 50ms,
                               .backoff = std::move(backoff)});
  }

  // "<status>:<attempts>" of each mail to the recipient about the subject (tests share the
  // database: other tests' public messages may reach this test's people too).
  std::string MailStatus(const std::string& recipient_id, const std::string& subject_id,
                         const std::string& extra = "") {
    return Text("SELECT string_agg(q.status || ':' || q.attempts" + extra +
                ", ',') FROM notifications.mail_queue q JOIN notifications.messages m ON m.id = "
                "q.message_id WHERE q.recipient_id = '" +
                recipient_id + "' AND m.subject_id = '" + subject_id + "'");
  }
  std::string LastError(const std::string& recipient_id, const std::string& subject_id) {
    return MailStatus(recipient_id, subject_id, " || ':' || coalesce(q.last_error, '-')");
  }

  double Counter(const std::string& name) { return metrics_.Counter(name, "", {}).Value(); }

  storage::PgMailRepository repo_;
};

std::string Unique(const std::string& prefix) { return MailboxOf(prefix); }

TEST_F(MailDbTest, SmtpDeliversOnceToEachSubscriberInTheirLanguage) {
  SmtpSink sink;
  app::SmtpMailSender smtp(sink.Url(), 10s);
  auto worker = Worker(smtp);
  worker->Start();
  const std::string ana = Unique("ana"), marko = Unique("marko");
  const std::string ana_id = Person(ana, "Ana Anić", {"grants.call.opened"}, "en");
  const std::string marko_id =
      Person(marko, "Marko\r\nBcc: x@evil.example", {"grants.*"}, "sr-Latn");
  const std::string call = NewUuid();
  const auto opened = MessageOf(
      "grants.call.opened", call,
      {{"id", call},
       {"status", "open"},
       {"eligible_countries", {"RS"}},
       {"title", {{"en", "Small Grants 2027"}, {"sr-Latn", "Mali grantovi 2027"}}},
       {"closes_at", Rfc3339(std::chrono::system_clock::now() + std::chrono::hours(24 * 30))}});
  Publish({opened});

  ASSERT_TRUE(iris::testing::Eventually(
      [&] { return sink.MailsTo(ana, call).size() == 1 && sink.MailsTo(marko, call).size() == 1; },
      15s));
  const std::string en = sink.MailsTo(ana, call)[0];
  EXPECT_NE(en.find("X-Sink-Mail-From: notifications@iris.example\r\n"), std::string::npos);
  EXPECT_NE(en.find("Subject: New grant call: Small Grants 2027\r\n"), std::string::npos) << en;
  EXPECT_NE(en.find("To: =?UTF-8?B?QW5hIEFuacSH?= <" + ana + ">\r\n"), std::string::npos) << en;
  EXPECT_NE(Unfolded(en).find("https://iris.example/v1/grant-calls/" + call), std::string::npos);
  const std::string sr = sink.MailsTo(marko, call)[0];
  EXPECT_NE(sr.find("Subject: Novi konkurs: Mali grantovi 2027\r\n"), std::string::npos) << sr;
  EXPECT_NE(sr.find("Content-Language: sr-Latn\r\n"), std::string::npos);
  EXPECT_EQ(sr.find("\nBcc:"), std::string::npos) << sr;  // neither header nor line
  // Marked sent just after the server accepted it.
  EXPECT_TRUE(iris::testing::Eventually(
      [&] {
        return MailStatus(ana_id, call) == "sent:1" && MailStatus(marko_id, call) == "sent:1";
      },
      5s))
      << MailStatus(ana_id, call) << " " << MailStatus(marko_id, call);

  // Once: a redelivered message and further passes send nothing more.
  Publish({opened});
  ASSERT_TRUE(worker->RunOnce().ok());
  worker->Stop();
  EXPECT_EQ(sink.MailsTo(ana, call).size(), 1u);
  EXPECT_EQ(sink.MailsTo(marko, call).size(), 1u);
  EXPECT_GE(Counter("iris_mail_sent_total"), 2.0);
}

TEST_F(MailDbTest, RefusingServerIsRetriedWithBackoffUntilItAccepts) {
  const std::string jelena = Unique("jelena");
  SmtpSink sink(jelena, /*refuse_times=*/2);
  app::SmtpMailSender smtp(sink.Url(), 10s);
  auto worker = Worker(smtp, {100ms, 100ms, 100ms});
  worker->Start();
  const std::string id = Person(jelena, "Jelena", {"grants.grant.awarded"}, "sr-Cyrl");
  const std::string grant = NewUuid();
  const double failures_before = Counter("iris_mail_failures_total");
  Publish({MessageOf("grants.grant.awarded", grant, {{"id", grant}, {"country", "RS"}})});

  ASSERT_TRUE(
      iris::testing::Eventually([&] { return sink.MailsTo(jelena, grant).size() == 1; }, 15s))
      << LastError(id, grant);
  ASSERT_TRUE(iris::testing::Eventually([&] { return MailStatus(id, grant) == "sent:3"; }, 5s))
      << LastError(id, grant);
  EXPECT_GE(Counter("iris_mail_failures_total") - failures_before, 2.0);
  const std::string mail = sink.MailsTo(jelena, grant)[0];
  // Cyrillic subject: RFC 2047 encoded words.
  EXPECT_NE(mail.find("Subject: =?UTF-8?B?"), std::string::npos) << mail;
  worker->Stop();
  EXPECT_EQ(sink.MailsTo(jelena, grant).size(), 1u);
}

TEST_F(MailDbTest, RetriesExhaustedOrNoRecipientEndFailed) {
  const std::string milan = Unique("milan");
  SmtpSink sink(milan, /*refuse_times=*/100);
  app::SmtpMailSender smtp(sink.Url(), 10s);
  auto worker = Worker(smtp, {50ms});
  const std::string id = Person(milan, "Milan", {"membership.organization.created"}, "en");
  const std::string org = NewUuid();
  Publish({MessageOf("membership.organization.created", org, {{"id", org}})});
  ASSERT_TRUE(iris::testing::Eventually(
      [&] {
        EXPECT_TRUE(worker->RunOnce().ok());
        return MailStatus(id, org) == "failed:2";
      },
      10s, 60ms))
      << LastError(id, org);
  EXPECT_NE(LastError(id, org).find("451"), std::string::npos) << LastError(id, org);

  // A recipient disabled before its mail went out: nothing is sent, the mail fails.
  const std::string nina = Unique("nina");
  const std::string nina_id = Person(nina, "Nina", {"membership.organization.updated"}, "en");
  Publish({MessageOf("membership.organization.updated", org, {{"id", org}})});
  Exec("UPDATE notifications.recipients SET active = false WHERE id = '" + nina_id + "'");
  ASSERT_TRUE(worker->RunOnce().ok());
  EXPECT_EQ(MailStatus(nina_id, org), "failed:1");
  EXPECT_TRUE(sink.MailsTo(nina, org).empty());
}

TEST_F(MailDbTest, WithoutSmtpEachMailIsAnEmlFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / iris::testing::UniqueName("mail_dir") / "mail";
  auto sender = app::MakeMailSender("", dir.string(), "notifications@iris.example");
  ASSERT_TRUE(sender.ok()) << sender.status();
  ASSERT_TRUE(std::filesystem::is_directory(dir));  // made at start
  auto worker = Worker(**sender);
  worker->Start();
  const std::string vesna = Unique("vesna");
  const std::string id = Person(vesna, "Vesna", {"membership.application.approved"}, "sr-Cyrl");
  const std::string application = NewUuid();
  Publish({MessageOf("membership.application.approved", application,
                     {{"id", application}, {"status", "approved"}})});
  const std::string mail_id = [&] {
    std::string found;
    iris::testing::Eventually(
        [&] {
          found = Text(
              "SELECT q.id::text FROM notifications.mail_queue q JOIN notifications.messages m "
              "ON m.id = q.message_id WHERE q.status = 'sent' AND q.recipient_id = '" +
              id + "' AND m.subject_id = '" + application + "'");
          return !found.empty();
        },
        15s);
    return found;
  }();
  ASSERT_FALSE(mail_id.empty()) << LastError(id, application);
  worker->Stop();
  std::ifstream in(dir / (mail_id + ".eml"), std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("Message-ID: <" + mail_id + "@iris.example>\r\n"), std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("To: \"Vesna\" <" + vesna + ">\r\n"), std::string::npos);
  EXPECT_NE(text.str().find("Content-Language: sr-Cyrl\r\n"), std::string::npos);
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(e.path().extension(), ".eml") << e.path();  // no temporary file left behind
  }
  std::filesystem::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace iris::notifications::testing
