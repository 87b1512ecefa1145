// Reminders against real Postgres, the real intake and a real SMTP server: a call that opens
// with a deadline within IRIS_REMINDER_LEAD gets one "closes soon" mail per subscriber, none
// again on the next scan; a moved deadline gets a new one; a far or passed one none.
#include <gtest/gtest.h>

#include "services/notifications/app/mail_sender.hpp"
#include "services/notifications/app/mail_worker.hpp"
#include "services/notifications/app/reminder_scanner.hpp"
#include "services/notifications/storage/pg_mail_repository.hpp"
#include "services/notifications/storage/pg_reminder_repository.hpp"
#include "services/notifications/tests/mail_fixture.hpp"

namespace iris::notifications::testing {
namespace {

class ReminderDbTest : public NotificationsDbTest {
 protected:
  nlohmann::json CallPayload(const std::string& id, std::chrono::hours closes_in) {
    return {{"id", id},
            {"status", "open"},
            {"eligible_countries", {"RS"}},
            {"title", {{"en", "Grants for day care"}, {"sr-Cyrl", "Грантови за дневни боравак"}}},
            {"closes_at", Rfc3339(std::chrono::system_clock::now() + closes_in)}};
  }
  int Reminders(const std::string& call) {
    return Count(
        "SELECT count(*) FROM notifications.messages WHERE type = 'grants.call.closing' "
        "AND subject_id = '" +
        call + "'");
  }
  int ReminderMails(const std::string& recipient_id, const std::string& call) {
    return Count(
        "SELECT count(*) FROM notifications.mail_queue q JOIN notifications.messages m "
        "ON m.id = q.message_id WHERE m.type = 'grants.call.closing' AND "
        "q.recipient_id = '" +
        recipient_id + "' AND m.subject_id = '" + call + "'");
  }

  storage::PgReminderRepository reminder_repo_;
  app::ReminderScanner scanner_{pool_,
                                reminder_repo_,
                                intake_,
                                {.lead = std::chrono::hours(72), .every = std::chrono::hours(1)}};
};

TEST_F(ReminderDbTest, OneReminderPerSubscriberBeforeTheDeadlineAndANewOneWhenItMoves) {
  SmtpSink sink;
  app::SmtpMailSender smtp(sink.Url(), 10s);
  storage::PgMailRepository mail_repo;
  auto templates = domain::MailTemplates::Embedded();
  ASSERT_TRUE(templates.ok());
  app::MailWorker worker(pool_, mail_repo, smtp, *std::move(templates), mail_wakeup_, metrics_,
                         {.from_address = "notifications@iris.example",
                          .public_base_url = "https://iris.example",
                          .poll = 50ms});
  worker.Start();
  const std::string petar = MailboxOf("petar");
  const std::string sanja = MailboxOf("sanja");
  const std::string petar_id = Person(petar, "Petar", {"grants.call.closing"}, "sr-Cyrl");
  const std::string sanja_id = Person(sanja, "Sanja", {"grants.call.*"}, "en");
  const std::string call = NewUuid(), far_call = NewUuid();
  Publish({MessageOf("grants.call.opened", call, CallPayload(call, std::chrono::hours(48))),
           MessageOf("grants.call.opened", far_call,
                     CallPayload(far_call, std::chrono::hours(24 * 20)))});

  auto n = scanner_.RunOnce();
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_GE(*n, 1);
  EXPECT_EQ(Reminders(call), 1);
  EXPECT_EQ(Reminders(far_call), 0);  // 20 days away: outside the 72 h lead
  ASSERT_TRUE(iris::testing::Eventually(
      [&] {
        return sink.MailsTo(petar, call).size() == 1 && sink.MailsTo(sanja, call).size() == 2;
      },
      15s))
      << sink.MailsTo(petar, call).size() << " " << sink.MailsTo(sanja, call).size();
  // Petar: only the reminder, in Cyrillic; Sanja: the opening and the reminder, in English.
  EXPECT_NE(sink.MailsTo(petar, call)[0].find("Subject: =?UTF-8?B?"), std::string::npos);
  int closing = 0;
  for (const auto& m : sink.MailsTo(sanja, call)) {
    closing += m.find("Subject: Closing soon: Grants for day care\r\n") != std::string::npos;
  }
  EXPECT_EQ(closing, 1);

  // The next scan finds it reminded: nothing new.
  ASSERT_TRUE(scanner_.RunOnce().ok());
  EXPECT_EQ(Reminders(call), 1);
  EXPECT_EQ(ReminderMails(petar_id, call), 1);
  EXPECT_EQ(ReminderMails(sanja_id, call), 1);

  // The deadline moves (still within the lead): a new reminder, a new mail each.
  Publish({MessageOf("grants.call.updated", call, CallPayload(call, std::chrono::hours(60)))});
  ASSERT_TRUE(scanner_.RunOnce().ok());
  EXPECT_EQ(Reminders(call), 2);
  EXPECT_EQ(ReminderMails(petar_id, call), 2);
  ASSERT_TRUE(
      iris::testing::Eventually([&] { return sink.MailsTo(petar, call).size() == 2; }, 15s));
  ASSERT_TRUE(scanner_.RunOnce().ok());
  EXPECT_EQ(Reminders(call), 2);

  // Closed: the deadline is gone, no reminder ever after.
  const std::string closed = NewUuid();
  Publish({MessageOf("grants.call.opened", closed, CallPayload(closed, std::chrono::hours(10)))});
  Publish({MessageOf("grants.call.closed", closed, {{"id", closed}, {"status", "closed"}})});
  ASSERT_TRUE(scanner_.RunOnce().ok());
  EXPECT_EQ(Reminders(closed), 0);
  worker.Stop();
}

TEST_F(ReminderDbTest, TheScannerThreadRemindsWithoutBeingAsked) {
  const std::string call = NewUuid();
  Publish({MessageOf("grants.call.opened", call, CallPayload(call, std::chrono::hours(1)))});
  app::ReminderScanner scanner{pool_,
                               reminder_repo_,
                               intake_,
                               {.lead = std::chrono::hours(2), .every = std::chrono::seconds(1)}};
  scanner.Start();
  EXPECT_TRUE(iris::testing::Eventually([&] { return Reminders(call) == 1; }, 10s));
  scanner.Stop();
  EXPECT_FALSE(Text("SELECT reminded_at::text FROM notifications.deadlines WHERE subject_id = '" +
                    call + "'")
                   .empty());
}

}  // namespace
}  // namespace iris::notifications::testing
