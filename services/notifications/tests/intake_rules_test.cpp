// The intake's pure rules: what a message is stored as, whom it teaches us about, which
// deadlines it sets, the checks of a published batch; subscriptions' checks and defaults; the
// feed's cursor.
#include "services/notifications/domain/intake_rules.hpp"

#include <gtest/gtest.h>

#include "services/notifications/domain/inbox.hpp"
#include "services/notifications/domain/subscriptions.hpp"

namespace iris::notifications::domain {
namespace {

constexpr char kId[] = "0b9f6a52-3c1e-4d8a-9a57-6f1c2d3e4f50";

Message Msg(std::string type, nlohmann::json payload, std::string country = "") {
  if (payload.is_null()) payload = nlohmann::json::object();  // `{}` in a call is null
  return {.id = kId,
          .source = type.substr(0, type.find('.')),
          .type = type,
          .subject_id = "subject-1",
          .country = std::move(country),
          .actor = "",
          .request_id = "",
          .payload = std::move(payload),
          .occurred_at = values::Time(std::chrono::microseconds(1796300000000000))};
}

std::vector<std::string> Fields(const std::vector<values::InvalidField>& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.field);
  return out;
}

TEST(DeriveTest, CountriesComeFromTheOutboxRowThenThePayload) {
  EXPECT_EQ(
      Derive(Msg("grants.call.opened", {{"eligible_countries", {"RS", "BA"}}}, "ME")).countries,
      std::vector<std::string>{"ME"});
  EXPECT_EQ(
      Derive(Msg("grants.call.opened", {{"eligible_countries", {"RS", "BA", "RS"}}})).countries,
      (std::vector<std::string>{"RS", "BA"}));
  EXPECT_EQ(Derive(Msg("documents.document.published", {{"countries", {"AL"}}})).countries,
            std::vector<std::string>{"AL"});
  EXPECT_TRUE(Derive(Msg("grants.call.opened", {{"countries", "RS"}})).countries.empty());
}

TEST(DeriveTest, AudienceOrganisationAndPersonFollowTheCatalogue) {
  const auto assigned = Derive(
      Msg("grants.reviewer.assigned", {{"organization_id", "org-1"}, {"reviewer_id", "rev-1"}}));
  EXPECT_EQ(assigned.audience, Audience::kStaff);
  EXPECT_TRUE(assigned.in_feed);
  EXPECT_EQ(assigned.organization_id, "org-1");
  EXPECT_EQ(assigned.person_id, "rev-1");
  // organization_key "": the subject is the organisation.
  EXPECT_EQ(Derive(Msg("membership.organization.suspended", {})).organization_id, "subject-1");
  EXPECT_FALSE(Derive(Msg("grants.call.closing", {})).in_feed);
  EXPECT_EQ(Derive(Msg("membership.user.created", {})).audience, Audience::kInternal);
}

TEST(DeriveTest, AnUnknownTypeIsStaffOnlyAndInTheFeed) {
  const auto s = Derive(Msg("grants.thing.happened", {{"organization_id", "org-9"}}));
  EXPECT_FALSE(s.known_type);
  EXPECT_EQ(s.audience, Audience::kStaff);
  EXPECT_TRUE(s.in_feed);
  EXPECT_EQ(s.organization_id, "org-9");
}

TEST(DeriveTest, ContactLeavesThePayloadAndBecomesARecipient) {
  const auto m = Msg("membership.user.created", {{"id", "user-1"},
                                                 {"email", "a@example.org"},
                                                 {"name", "Ana"},
                                                 {"role", "member"},
                                                 {"organization_id", "org-1"},
                                                 {"country", nullptr},
                                                 {"status", "active"}});
  const auto s = Derive(m);
  EXPECT_FALSE(s.message.payload.contains("email"));
  EXPECT_FALSE(s.message.payload.contains("name"));
  EXPECT_EQ(s.message.payload["role"], "member");
  const auto r = RecipientOf(m);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->id, "user-1");
  EXPECT_EQ(r->email, "a@example.org");
  EXPECT_EQ(r->organization_id, "org-1");
  EXPECT_EQ(r->country, "");
  EXPECT_TRUE(r->active);
  auto disabled = m;
  disabled.type = "membership.user.disabled";
  disabled.payload["status"] = "disabled";
  EXPECT_FALSE(RecipientOf(disabled)->active);
  EXPECT_FALSE(RecipientOf(Msg("membership.person.created", {{"role", "member"}})));
  EXPECT_FALSE(RecipientOf(Msg("membership.user.created", {{"id", "x"}})));  // no role
}

TEST(DeadlineTest, AnOpenCallSetsItsClosingAndAnEndedOneRemovesIt) {
  const auto set =
      DeadlineOf(Derive(Msg("grants.call.opened", {{"status", "open"},
                                                   {"closes_at", "2031-01-10T12:00:00Z"},
                                                   {"title", {{"en", "T"}}},
                                                   {"eligible_countries", {"RS"}}})));
  ASSERT_TRUE(set);
  EXPECT_FALSE(set->remove);
  EXPECT_EQ(set->kind, "grants.call.closing");
  EXPECT_EQ(set->due_at, "2031-01-10T12:00:00Z");
  EXPECT_EQ(set->countries, std::vector<std::string>{"RS"});
  EXPECT_EQ(set->payload["id"], "subject-1");
  EXPECT_EQ(set->payload["title"]["en"], "T");
  EXPECT_FALSE(DeadlineOf(Derive(
      Msg("grants.call.updated", {{"status", "draft"}, {"closes_at", "2031-01-10T12:00:00Z"}}))));
  EXPECT_FALSE(DeadlineOf(
      Derive(Msg("grants.call.opened", {{"status", "open"}, {"closes_at", "next week"}}))));
  EXPECT_FALSE(DeadlineOf(Derive(
      Msg("grants.call.opened", {{"status", "open"}, {"closes_at", "2031-02-30T12:00:00Z"}}))));
  for (const char* type : {"grants.call.closed", "grants.call.finalized", "grants.call.archived"}) {
    const auto removed = DeadlineOf(Derive(Msg(type, {})));
    ASSERT_TRUE(removed) << type;
    EXPECT_TRUE(removed->remove);
    EXPECT_EQ(removed->kind, "grants.call.closing");
  }
  // A draft's deadline is nobody's: only a published event's.
  EXPECT_FALSE(DeadlineOf(
      Derive(Msg("events.event.updated",
                 {{"status", "draft"}, {"registration_closes_at", "2031-05-01T08:00:00+02:00"}}))));
  const auto event = DeadlineOf(Derive(
      Msg("events.event.published",
          {{"status", "published"}, {"registration_closes_at", "2031-05-01T08:00:00+02:00"}})));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->kind, "events.registration.closing");
  EXPECT_TRUE(DeadlineOf(Derive(Msg("events.event.cancelled", {})))->remove);
  EXPECT_FALSE(DeadlineOf(Derive(Msg("grants.application.submitted", {}))));
}

TEST(CheckPublishedTest, NamesEveryBadFieldOfEveryMessage) {
  EXPECT_TRUE(CheckPublished("grants", {Msg("grants.call.opened", {})}).empty());
  Message bad = Msg("membership.user.created", {});
  bad.payload = nlohmann::json::array();
  bad.id = "not-a-uuid";
  bad.subject_id = "";
  bad.occurred_at = {};  // unset in the request: it would read 1970 in the feed
  Message bad_type = Msg("grants.Call", {});
  EXPECT_EQ(Fields(CheckPublished("grants", {Msg("grants.call.opened", {}), bad, bad_type})),
            (std::vector<std::string>{"messages[1].id", "messages[1].type",
                                      "messages[1].subject_id", "messages[1].occurred_at",
                                      "messages[1].payload_json", "messages[2].type"}));
  EXPECT_EQ(Fields(CheckPublished("billing", {})), std::vector<std::string>{"source"});
  EXPECT_TRUE(KnownSource("notifications"));
  EXPECT_FALSE(KnownSource("grant"));
  std::vector<Message> many(kMaxPublishBatch + 1, Msg("grants.call.opened", {}));
  EXPECT_EQ(Fields(CheckPublished("grants", many)), std::vector<std::string>{"messages"});
}

TEST(SubscriptionsTest, EveryBadElementIsNamedAtOnce) {
  std::vector<values::InvalidField> problems;
  const auto kept = CheckSubscriptions({.topics = {"grants.*", "nope.*", "grants.*", "Bad"},
                                        .countries = {"RS", "XX", "RS"},
                                        .channels = {"inbox", "sms"},
                                        .language = "xx"},
                                       &problems);
  EXPECT_EQ(Fields(problems), (std::vector<std::string>{"topics[1]", "topics[3]", "countries[1]",
                                                        "channels[1]", "language"}));
  EXPECT_EQ(kept.topics, std::vector<std::string>{"grants.*"});
  EXPECT_EQ(kept.countries, std::vector<std::string>{"RS"});
}

TEST(SubscriptionsTest, AnEmptyChoiceIsAllowedAndTheLanguageDefaultsToEnglish) {
  std::vector<values::InvalidField> problems;
  const auto kept = CheckSubscriptions({}, &problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(kept.topics.empty());
  EXPECT_EQ(kept.language, "en");
  EXPECT_FALSE(kept.is_default);
}

TEST(SubscriptionsTest, DefaultsFollowTheRoleAndItsOwnCountry) {
  const RoleDefaults coordinator{
      .topics = {"events.*"}, .channels = {"inbox"}, .own_country_only = true};
  const auto s = DefaultSubscriptions(coordinator, "BA");
  EXPECT_TRUE(s.is_default);
  EXPECT_EQ(s.topics, std::vector<std::string>{"events.*"});
  EXPECT_EQ(s.countries, std::vector<std::string>{"BA"});
  EXPECT_TRUE(DefaultSubscriptions(coordinator, "").countries.empty());
  const RoleDefaults member{.topics = {"grants.call.opened"}, .channels = {"inbox", "email"}};
  EXPECT_TRUE(DefaultSubscriptions(member, "RS").countries.empty());
  const auto none = DefaultSubscriptions(std::nullopt, "RS");
  EXPECT_TRUE(none.topics.empty());
  EXPECT_TRUE(none.is_default);
}

TEST(FeedCursorTest, OnlyDecimalSeqsWithinInt64) {
  EXPECT_EQ(ParseFeedCursor(""), 0);
  EXPECT_EQ(ParseFeedCursor("0"), 0);
  EXPECT_EQ(ParseFeedCursor("42"), 42);
  EXPECT_EQ(ParseFeedCursor("9223372036854775807"), INT64_MAX);
  EXPECT_FALSE(ParseFeedCursor("9223372036854775808"));
  EXPECT_FALSE(ParseFeedCursor("12345678901234567890"));
  EXPECT_FALSE(ParseFeedCursor("-1"));
  EXPECT_FALSE(ParseFeedCursor("12a"));
  EXPECT_FALSE(ParseFeedCursor(" 1"));
}

}  // namespace
}  // namespace iris::notifications::domain
