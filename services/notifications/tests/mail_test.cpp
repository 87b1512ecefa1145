// Mail without I/O: every embedded template parses and names only known placeholders, every
// topic finds a template with English as the last fallback, rendering fills the placeholders,
// and the composed RFC 5322 text encodes what is not ASCII and lets nothing inject a header.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "notifications_templates.hpp"
#include "services/notifications/domain/mail_content.hpp"
#include "services/notifications/domain/mail_format.hpp"
#include "services/notifications/domain/mail_template.hpp"
#include "services/notifications/domain/reminder.hpp"
#include "services/notifications/domain/topics.hpp"

namespace iris::notifications::domain {
namespace {

values::Time At(int64_t seconds) {
  return values::Time(std::chrono::microseconds(seconds * 1000000));
}

const MailTemplates& Templates() {
  static const MailTemplates t = [] {
    auto loaded = MailTemplates::Embedded();
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    return loaded.ok() ? *std::move(loaded) : MailTemplates();
  }();
  return t;
}

MailItem CallOpened() {
  return {.id = "6f1c2d3e-0000-4000-8000-000000000001",
          .message_id = "6f1c2d3e-0000-4000-8000-0000000000aa",
          .type = "grants.call.opened",
          .subject_id = "c0ffee00-0000-4000-8000-000000000001",
          .payload = {{"id", "c0ffee00-0000-4000-8000-000000000001"},
                      {"status", "open"},
                      {"title", {{"en", "Small Grants 2027"}, {"sr-Latn", "Mali grantovi 2027"}}},
                      {"closes_at", "2027-03-01T12:00:00Z"}},
          .occurred_at = At(1800000000),
          .recipient_id = "u1",
          .email = "ana@example.org",
          .name = "Ana Anić",
          .language = "en"};
}

TEST(MailTemplatesTest, EveryEmbeddedFileParsesWithKnownPlaceholders) {
  ASSERT_GT(templates::kAll.size(), 10u);
  for (const auto& f : templates::kAll) {
    auto t = ParseMailTemplate(f.text);
    EXPECT_TRUE(t.ok()) << f.path << ": " << t.status();
  }
  EXPECT_TRUE(MailTemplates::Embedded().ok());
}

TEST(MailTemplatesTest, UnknownPlaceholderMissingSubjectAndUnclosedBracesAreRefused) {
  EXPECT_FALSE(ParseMailTemplate("Subject: {{nope}}\n\nbody\n").ok());
  EXPECT_FALSE(ParseMailTemplate("Subject: hi\n\nbody {{title\n").ok());
  EXPECT_FALSE(ParseMailTemplate("Hello\n\nbody\n").ok());
  EXPECT_FALSE(ParseMailTemplate("Subject: hi\nbody\n").ok());
  EXPECT_FALSE(ParseMailTemplate("Subject: hi\n\n  \n").ok());
  EXPECT_TRUE(ParseMailTemplate("Subject: {{title}}\n\n{{link}}\n").ok());
  const MailTemplates::File no_default[] = {{"en/grants.call.txt", "Subject: a\n\nb\n"}};
  EXPECT_FALSE(MailTemplates::FromFiles(no_default).ok());
}

TEST(MailTemplatesTest, EveryTopicHasAnEnglishTemplateAndTheMainOnesAreTranslated) {
  for (const TopicInfo& t : Topics()) {
    if (t.audience == Audience::kInternal) continue;
    const size_t dot = t.topic.rfind('.');
    const bool own =
        Templates().Has("en", t.topic) || Templates().Has("en", t.topic.substr(0, dot));
    EXPECT_TRUE(own) << t.topic << " has neither its own nor its family's English template";
  }
  for (const char* lang : {"sr-Latn", "sr-Cyrl"}) {
    for (const char* topic :
         {"grants.call.opened", "grants.call.closing", "membership.application.approved",
          "grants.grant.awarded", "grants.application", "default"}) {
      EXPECT_TRUE(Templates().Has(lang, topic)) << lang << "/" << topic;
    }
  }
}

TEST(MailTemplatesTest, LanguageFallsBackToShorterTagsThenEnglish) {
  auto [t1, l1] = Templates().Find("sr-Latn-RS", "grants.call.opened");
  EXPECT_EQ(l1, "sr-Latn");
  auto [t2, l2] = Templates().Find("de", "grants.call.opened");
  EXPECT_EQ(l2, "en");
  EXPECT_EQ(t2->subject, "New grant call: {{title}}");
  // English about the very topic beats a translated generic mail.
  auto [t3, l3] = Templates().Find("sr-Cyrl", "grants.report.accepted");
  EXPECT_EQ(l3, "en");
  auto [t4, l4] = Templates().Find("en", "somebody.new.thing");
  EXPECT_EQ(l4, "en");
  EXPECT_EQ(t4, Templates().Find("en", "default").first);
}

TEST(MailContentTest, RendersTitleInTheRecipientsLanguageDeadlineAndLink) {
  MailItem item = CallOpened();
  const RenderedMail en = RenderMail(Templates(), item, "https://iris.example/");
  EXPECT_EQ(en.subject, "New grant call: Small Grants 2027");
  EXPECT_NE(en.body.find("Hello Ana Anić,"), std::string::npos) << en.body;
  EXPECT_NE(en.body.find("until 2027-03-01 12:00 UTC"), std::string::npos) << en.body;
  EXPECT_NE(en.body.find("https://iris.example/v1/grant-calls/" + item.subject_id),
            std::string::npos);
  EXPECT_EQ(en.body.find("{{"), std::string::npos);
  item.language = "sr-Latn";
  const RenderedMail sr = RenderMail(Templates(), item, "https://iris.example");
  EXPECT_EQ(sr.language, "sr-Latn");
  EXPECT_EQ(sr.subject, "Novi konkurs: Mali grantovi 2027");
  item.language = "sr-Cyrl";  // no Cyrillic title: the English one
  EXPECT_EQ(RenderMail(Templates(), item, "https://iris.example").subject,
            "Нови конкурс: Small Grants 2027");
}

TEST(MailContentTest, LinksFollowTheResourceAndFallBackToTheInbox) {
  EXPECT_EQ(LinkPathOf("grants.application.submitted", "a1", {}), "/v1/grant-applications/a1");
  EXPECT_EQ(LinkPathOf("grants.reviewer.assigned", "x", {{"application_id", "a2"}}),
            "/v1/grant-applications/a2");
  EXPECT_EQ(LinkPathOf("events.registration.closing", "e1", {}), "/v1/events/e1");
  EXPECT_EQ(LinkPathOf("events.placement.session_logged", "p1", {}), "/v1/placements/p1");
  EXPECT_EQ(LinkPathOf("events.session.created", "s1", {{"event_id", "e2"}}),
            "/v1/events/e2/sessions");
  EXPECT_EQ(LinkPathOf("membership.organization.created", "o/../1", {}),
            "/v1/organizations/o%2F..%2F1");
  EXPECT_EQ(LinkPathOf("grants.reviewer.assigned", "x", {}), "/v1/me/inbox");
  EXPECT_EQ(LinkPathOf("unknown.thing.happened", "x", {}), "/v1/me/inbox");
}

TEST(MailFormatTest, ComposesCrlfHeadersWithStableMessageIdAndEncodedSubject) {
  const OutgoingMail mail{.id = "6f1c2d3e-0000-4000-8000-000000000001",
                          .from_address = "notifications@iris.example",
                          .from_name = "IRIS",
                          .to_address = "ana@example.org",
                          .to_name = "Ana Anić",
                          .subject = "Нови конкурс: Small Grants",
                          .body = "Здраво Ana,\nline two\n",
                          .language = "sr-Cyrl",
                          .date = At(1800000000)};
  const std::string text = ComposeMail(mail);
  EXPECT_NE(text.find("Date: Fri, 15 Jan 2027 08:00:00 +0000\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("Message-ID: <6f1c2d3e-0000-4000-8000-000000000001@iris.example>\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("From: \"IRIS\" <notifications@iris.example>\r\n"), std::string::npos);
  EXPECT_NE(text.find("To: =?UTF-8?B?QW5hIEFuacSH?= <ana@example.org>\r\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text.find("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                      "Content-Transfer-Encoding: quoted-printable\r\n"),
            std::string::npos);
  EXPECT_NE(text.find("\r\n\r\n=D0=97=D0=B4"), std::string::npos) << text;
  // Every line ends in CRLF and none is longer than RFC 5322's 78.
  size_t start = 0;
  while (start < text.size()) {
    const size_t crlf = text.find("\r\n", start);
    ASSERT_NE(crlf, std::string::npos) << "text ends without CRLF";
    EXPECT_LE(crlf - start, 78u) << text.substr(start, crlf - start);
    EXPECT_EQ(text.substr(start, crlf - start).find('\n'), std::string::npos);
    start = crlf + 2;
  }
}

TEST(MailFormatTest, HeaderInjectionIsImpossible) {
  const OutgoingMail mail{.id = "m1",
                          .from_address = "n@iris.example",
                          .from_name = "",
                          .to_address = "ana@example.org",
                          .to_name = "Ana\r\nBcc: victim@example.org",
                          .subject = "Hi\r\nBcc: victim@example.org\nX: y",
                          .body = "body",
                          .language = "",
                          .date = At(0)};
  const std::string text = ComposeMail(mail);
  EXPECT_EQ(text.find("\r\nBcc:"), std::string::npos) << text;
  EXPECT_EQ(text.find("\r\nX:"), std::string::npos) << text;
  EXPECT_NE(text.find("Subject: Hi  Bcc: victim@example.org X: y\r\n"), std::string::npos);
  EXPECT_FALSE(IsMailAddress("ana@example.org\r\nRCPT TO:<x@y>"));
  EXPECT_FALSE(IsMailAddress("Ana <ana@example.org>"));
  EXPECT_FALSE(IsMailAddress("no-at-sign"));
  EXPECT_FALSE(IsMailAddress("two@at@example.org"));
  EXPECT_TRUE(IsMailAddress("ana.anic+calls@example.org"));
}

TEST(MailFormatTest, EncodedWordsStayShortAndNeverSplitACharacter) {
  const std::string long_serbian =
      "Ђђ Љљ Њњ Ћћ Џџ Шш Жж Чч — конкурс за мале грантове за 2027. годину";
  const std::string h = EncodeHeaderText(long_serbian);
  size_t start = 0;
  while (start < h.size()) {
    size_t end = h.find("\r\n ", start);
    const std::string word = h.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 75u);
    ASSERT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    if (end == std::string::npos) break;
    start = end + 3;
  }
  EXPECT_EQ(EncodeHeaderText("Plain ASCII"), "Plain ASCII");
}

TEST(MailFormatTest, QuotedPrintableEscapesAndSoftBreaksLongLines) {
  EXPECT_EQ(QuotedPrintable("a=b \nčc\t\n"), "a=3Db=20\r\n=C4=8Dc=09\r\n");
  const std::string qp = QuotedPrintable(std::string(200, 'x'));
  EXPECT_EQ(qp.substr(75, 3), "=\r\n");
  EXPECT_EQ(qp.substr(150, 6), "xxx=\r\n");  // the second line: 75 + "="
}

TEST(ReminderTest, IdIsStablePerDeadlineAndNewWhenItMoves) {
  const Deadline d{.kind = "grants.call.closing",
                   .subject_id = "c1",
                   .due_at = At(1800000000),
                   .countries = {"RS"},
                   .payload = {{"title", {{"en", "T"}}}, {"closes_at", "2027-01-15T08:00:00Z"}}};
  const std::string id = ReminderId(d);
  EXPECT_EQ(id, ReminderId(d));
  EXPECT_EQ(id.size(), 36u);
  EXPECT_EQ(id[14], '5');
  Deadline moved = d;
  moved.due_at = At(1800003600);
  EXPECT_NE(ReminderId(moved), id);
  const Message m = ReminderMessage(d, At(1799990000));
  EXPECT_EQ(m.id, id);
  EXPECT_EQ(m.source, "notifications");
  EXPECT_EQ(m.type, "grants.call.closing");
  EXPECT_EQ(m.subject_id, "c1");
  EXPECT_EQ(m.payload["countries"], nlohmann::json({"RS"}));
  EXPECT_EQ(m.payload["id"], "c1");
}

}  // namespace
}  // namespace iris::notifications::domain
