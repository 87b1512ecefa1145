// Mail through the whole system: a member who chose Serbian (Latin) and the email channel
// receives, as .eml files under IRIS_MAIL_DIR (no IRIS_SMTP_URL), one mail when a grant call
// opens and one "closes soon" reminder before its deadline, never a second one on later scans.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// Outbox -> relay -> notifications -> mail worker, with reminder scans every second.
constexpr auto kDelivery = 90s;

class NotificationsMailE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    system_ = new System({}, {{"IRIS_REMINDER_SCAN_SECONDS", "1"}});
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
    org_ = CreateOrg("Mail " + token_, "RS");
    ASSERT_FALSE(org_.empty());
  }
  static void TearDownTestSuite() { Stop(); }

  static std::string InstantFromNow(std::chrono::seconds d) {
    return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now() + absl::FromChrono(d),
                            absl::UTCTimeZone());
  }

  // An open call titled `title` in English and Serbian (Latin), closing in `closes_in`.
  static std::string OpenCall(const std::string& title, std::chrono::seconds closes_in) {
    const json eur = {{"amount", 800000}, {"currency", "EUR"}};
    const json body = {
        {"title", {{"en", "Grants " + title}, {"sr-Latn", "Grantovi " + title}}},
        {"opens_at", InstantFromNow(-3600s)},
        {"closes_at", InstantFromNow(closes_in)},
        {"timezone", "Europe/Belgrade"},
        {"budget", {{"amount", 5000000}, {"currency", "EUR"}}},
        {"max_award", eur},
        {"eligible_countries", {"RS"}},
        {"criteria", {{{"key", "relevance"}, {"name", {{"en", "Relevance"}}}, {"weight", 100}}}}};
    auto r = As(admin_, "POST", "/v1/grant-calls", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string id = json::parse(r.body, nullptr, false).value("id", "");
    auto opened = As(admin_, "POST", "/v1/grant-calls/" + id + "/open");
    EXPECT_EQ(opened.status, 200) << opened.body;
    return id;
  }

  // The .eml files addressed to `email` whose Subject line is `subject`.
  static int MailsTo(const std::string& email, const std::string& subject) {
    int n = 0;
    const std::filesystem::path dir = system_->MailDir();
    if (!std::filesystem::exists(dir)) return 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".eml") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string s = text.str();
      n += s.find("<" + email + ">\r\n") != std::string::npos &&
           s.find("\r\nSubject: " + subject + "\r\n") != std::string::npos;
    }
    return n;
  }
};

TEST_F(NotificationsMailE2eTest, OpeningAndReminderReachTheSubscriberOnceInItsLanguage) {
  const auto member = SignedIn("member", {{"organization_id", org_}}, "mail");
  const std::string email = "member.mail." + token_ + "@e2e.iris.example.org";
  auto chosen = As(member, "PUT", "/v1/me/subscriptions",
                   json{{"topics", {"grants.call.opened", "grants.call.closing"}},
                        {"channels", {"email"}},
                        {"language", "sr-Latn"}}
                       .dump());
  ASSERT_EQ(chosen.status, 200) << chosen.body;

  // Closes in two days: within the default 72 h lead, so its reminder is due at once.
  const std::string first = "A " + token_;
  OpenCall(first, 48h);
  ASSERT_TRUE(Eventually(
      [&] {
        return MailsTo(email, "Novi konkurs: Grantovi " + first) == 1 &&
               MailsTo(email, "Uskoro se zatvara: Grantovi " + first) == 1;
      },
      kDelivery))
      << "opening " << MailsTo(email, "Novi konkurs: Grantovi " + first) << ", reminder "
      << MailsTo(email, "Uskoro se zatvara: Grantovi " + first);

  // A second call's reminder proves later scans ran: the first call got no second one.
  const std::string second = "B " + token_;
  OpenCall(second, 24h);
  ASSERT_TRUE(Eventually(
      [&] { return MailsTo(email, "Uskoro se zatvara: Grantovi " + second) == 1; }, kDelivery));
  EXPECT_EQ(MailsTo(email, "Uskoro se zatvara: Grantovi " + first), 1);
  EXPECT_EQ(MailsTo(email, "Novi konkurs: Grantovi " + first), 1);
}

}  // namespace
}  // namespace iris::testing
