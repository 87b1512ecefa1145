// The notifications flow end to end (issue 16's "done when"): an approved membership
// application, a grants change and a published event each reach a subscribed person's inbox and
// mailbox and a partner's webhook exactly once (every service's relay, one intake).
#include "tests/e2e/webhooks_suite.hpp"

namespace iris::testing {
namespace {

// Mails in System::MailDir() addressed to `address` about `subject` (its link carries the id).
// Only the subject's: tests running at the same time open calls and publish events too, and
// this person follows those topics in every country. Quoted-printable soft line breaks are
// undone first, as they may split the link.
int MailsTo(const std::string& dir, const std::string& address, const std::string& subject) {
  int n = 0;
  if (!std::filesystem::exists(dir)) return 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".eml") continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream raw;
    raw << in.rdbuf();
    std::string text = raw.str();
    for (size_t at = text.find("=\r\n"); at != std::string::npos; at = text.find("=\r\n", at)) {
      text.erase(at, 3);
    }
    n += text.find("<" + address + ">") != std::string::npos &&
         text.find(subject) != std::string::npos;
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
  endpoints_.push_back(json::parse(endpoint.body)["id"]);
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

  // Every page: the person's subscriptions take what other suites open and publish too, so the
  // test's own items may be far down the inbox (newest first).
  // Every page: the person's subscriptions take what other suites open and publish too, so the
  // test's own items may be far down the inbox (newest first).
  auto inbox_count = [&](const std::string& type, const std::string& subject) {
    int n = 0;
    AnyItem(person, "/v1/me/inbox?limit=200", [&](const json& item) {
      n += item.value("type", "") == type && item.value("subject_id", "") == subject;
      return false;
    });
    return n;
  };
  auto mails = [&](const std::string& subject) {
    return MailsTo(system_->MailDir(), address, subject);
  };
  auto all_arrived = [&] {
    return inbox_count("membership.application.approved", application) >= 1 &&
           inbox_count("grants.call.opened", call_id) >= 1 &&
           inbox_count("events.event.published", event_id) >= 1 && mails(application) >= 1 &&
           mails(call_id) >= 1 && mails(event_id) >= 1 && !Requests(path, application).empty() &&
           !Requests(path, call_id).empty() && !Requests(path, event_id).empty();
  };
  ASSERT_TRUE(Eventually(all_arrived, 60s, 100ms))
      << "inbox " << inbox_count("membership.application.approved", application) << "/"
      << inbox_count("grants.call.opened", call_id) << "/"
      << inbox_count("events.event.published", event_id) << ", mails " << mails(application) << "/"
      << mails(call_id) << "/" << mails(event_id) << ", webhooks "
      << Requests(path, application).size() << "/" << Requests(path, call_id).size() << "/"
      << Requests(path, event_id).size();
  // Exactly once, also a while later.
  std::this_thread::sleep_for(2s);
  EXPECT_EQ(inbox_count("membership.application.approved", application), 1);
  EXPECT_EQ(inbox_count("grants.call.opened", call_id), 1);
  EXPECT_EQ(inbox_count("events.event.published", event_id), 1);
  for (const std::string& subject : {application, call_id, event_id}) {
    EXPECT_EQ(mails(subject), 1) << subject;
    const auto seen = Requests(path, subject);
    ASSERT_EQ(seen.size(), 1u) << subject;
    EXPECT_TRUE(seen[0]["verified"][secret].get<bool>()) << seen[0];
  }
}

}  // namespace
}  // namespace iris::testing
