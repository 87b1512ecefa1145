// The document's pure rules: fields and their limits, who sees, edits and publishes, the
// workflow's steps and refusals, versions and file names, and campaigns' fields.
#include "services/documents/domain/document.hpp"

#include <gtest/gtest.h>

#include <set>

#include "services/documents/domain/campaign.hpp"
#include "services/documents/domain/document_access.hpp"
#include "services/documents/domain/document_workflow.hpp"
#include "services/documents/domain/version.hpp"

namespace iris::documents::domain {
namespace {

constexpr const char* kOrg = "5f0c6a8e-1111-4c3b-9a2b-000000000001";
constexpr const char* kOtherOrg = "5f0c6a8e-1111-4c3b-9a2b-000000000002";

std::set<std::string> FieldsOf(const std::vector<InvalidField>& problems) {
  std::set<std::string> out;
  for (const auto& p : problems) out.insert(p.field);
  return out;
}

Document Doc(DocumentStatus status, std::vector<std::string> countries = {"RS"}) {
  Document d;
  d.id = "d";
  d.status = status;
  d.countries = std::move(countries);
  d.organization_ids = {kOrg};
  return d;
}

identity::Caller Admin() { return {.subject = "a", .role = "network_admin"}; }
identity::Caller Coordinator(std::string c) {
  return {.subject = "c", .role = "national_coordinator", .country = std::move(c)};
}
identity::Caller Member(std::string org) {
  return {.subject = "m", .role = "member", .organization_id = std::move(org)};
}

TEST(DocumentFieldsTest, EveryProblemAtOnceNamedAsTheBodyNamesIt) {
  DocumentPatch p;
  p.kind = "novel";
  p.title = LocalizedText{{"en", std::string(501, 'x')}, {"xx", "t"}};
  p.countries = std::vector<std::string>{"RS", "ZZ"};
  p.topics = std::vector<std::string>{"social-services", "Bad Topic", "a--b"};
  p.organization_ids = std::vector<std::string>{"not-a-uuid"};
  p.authors = std::vector<std::string>{"", std::string(201, 'a')};
  p.read_only_sent = {"status"};
  Document d;
  EXPECT_EQ(FieldsOf(NewDocument(p, &d)),
            (std::set<std::string>{"kind", "title.en", "title.xx", "countries[1]", "topics[1]",
                                   "topics[2]", "organization_ids[0]", "authors[0]", "authors[1]",
                                   "status"}));
  EXPECT_EQ(FieldsOf(NewDocument(DocumentPatch{}, &d)), (std::set<std::string>{"kind", "title"}));
}

TEST(DocumentFieldsTest, ValuesAreNormalisedAndAPatchNamesWhatChanged) {
  DocumentPatch p;
  p.kind = "briefing";
  p.title = LocalizedText{{"en", "  Balkan Briefings  "}};
  p.countries = std::vector<std::string>{"rs"};
  p.topics = std::vector<std::string>{"quality", "quality"};
  Document d;
  ASSERT_TRUE(NewDocument(p, &d).empty());
  EXPECT_EQ(d.title.at("en"), "Balkan Briefings");
  EXPECT_EQ(d.countries, std::vector<std::string>{"RS"});
  EXPECT_EQ(d.topics, std::vector<std::string>{"quality"});
  DocumentPatch change;
  change.summary = LocalizedText{{"sr-Latn", "Sažetak"}};
  change.kind = "briefing";
  std::vector<std::string> changed;
  EXPECT_TRUE(ApplyPatch(change, &d, &changed).empty());
  EXPECT_EQ(changed, std::vector<std::string>{"summary"});
  DocumentPatch clear_orgs;
  clear_orgs.organization_ids = std::vector<std::string>{};
  EXPECT_EQ(FieldsOf(ApplyPatch(clear_orgs, &d, &changed)),
            std::set<std::string>{"organization_ids"});
}

TEST(DocumentAccessTest, WhoSeesEditsAndPublishes) {
  const auto draft = Doc(DocumentStatus::kDraft);
  EXPECT_TRUE(CanSee(Member(kOrg), draft));
  EXPECT_FALSE(CanSee(Member(kOtherOrg), draft));
  EXPECT_FALSE(CanSee(identity::Caller{}, draft));
  EXPECT_TRUE(CanSee(Coordinator("RS"), draft));
  EXPECT_FALSE(CanSee(Coordinator("BA"), draft));
  // Regional drafts: a coordinator of a named country only; without a country, admins only.
  EXPECT_FALSE(CanSee(Coordinator("BA"), Doc(DocumentStatus::kDraft, {})));
  EXPECT_FALSE(CanSee(Coordinator("BA"), Doc(DocumentStatus::kDraft, {"RS", "ME"})));
  EXPECT_TRUE(CanSee(Coordinator("ME"), Doc(DocumentStatus::kDraft, {"RS", "ME"})));
  EXPECT_TRUE(CanSee(Admin(), Doc(DocumentStatus::kDraft, {})));
  EXPECT_TRUE(CanEdit(Member(kOrg), draft));
  EXPECT_FALSE(CanEdit(Member(kOrg), Doc(DocumentStatus::kInReview)));
  EXPECT_TRUE(CanEdit(Coordinator("RS"), Doc(DocumentStatus::kInReview)));
  EXPECT_FALSE(CanEdit(Coordinator("BA"), Doc(DocumentStatus::kDraft, {})));  // admins only
  EXPECT_FALSE(CanEdit(Admin(), Doc(DocumentStatus::kPublished)));
  EXPECT_TRUE(CanSee(identity::Caller{}, Doc(DocumentStatus::kArchived)));
  EXPECT_TRUE(CanPublish(Coordinator("RS"), draft));
  EXPECT_FALSE(CanPublish(Coordinator("RS"), Doc(DocumentStatus::kInReview, {"RS", "BA"})));
  EXPECT_FALSE(CanPublish(Member(kOrg), draft));
  EXPECT_TRUE(CanRevise(Member(kOrg), Doc(DocumentStatus::kPublished)));
  EXPECT_FALSE(CanRevise(Member(kOtherOrg), Doc(DocumentStatus::kPublished)));
  auto published = Doc(DocumentStatus::kPublished);
  published.latest_version = 3;
  published.published_version = 2;
  EXPECT_EQ(CurrentVersionFor(identity::Caller{}, published), 2);
  EXPECT_EQ(CurrentVersionFor(Member(kOrg), published), 3);
}

TEST(DocumentWorkflowTest, StepsAndRefusals) {
  auto d = Doc(DocumentStatus::kDraft);
  EXPECT_FALSE(Plan(d, DocumentVerb::kSubmit, 0).refusal.empty());  // no version
  d.latest_version = 1;
  EXPECT_FALSE(Plan(d, DocumentVerb::kSubmit, 0).refusal.empty());  // no file
  EXPECT_EQ(Plan(d, DocumentVerb::kSubmit, 1).to, DocumentStatus::kInReview);
  EXPECT_FALSE(Plan(d, DocumentVerb::kPublish, 1).refusal.empty());  // from draft: 409
  d.status = DocumentStatus::kInReview;
  const auto publish = Plan(d, DocumentVerb::kPublish, 1);
  EXPECT_TRUE(publish.refusal.empty());
  EXPECT_TRUE(publish.publishes_latest);
  d.status = DocumentStatus::kPublished;
  d.published_version = 1;
  EXPECT_FALSE(Plan(d, DocumentVerb::kPublish, 1).refusal.empty());  // nothing new
  d.latest_version = 2;
  EXPECT_FALSE(Plan(d, DocumentVerb::kPublish, 0).refusal.empty());  // empty revision
  EXPECT_TRUE(Plan(d, DocumentVerb::kPublish, 1).publishes_latest);
  EXPECT_EQ(Plan(d, DocumentVerb::kArchive, 1).to, DocumentStatus::kArchived);
  d.status = DocumentStatus::kArchived;
  EXPECT_FALSE(Plan(d, DocumentVerb::kArchive, 1).refusal.empty());
  EXPECT_FALSE(Plan(d, DocumentVerb::kPublish, 1).refusal.empty());
}

TEST(VersionRulesTest, SealingNewVersionsAndFileNames) {
  auto d = Doc(DocumentStatus::kDraft);
  d.latest_version = 2;
  Version v1{.document_id = "d",
             .number = 1,
             .change_note = "",
             .files = {},
             .published_at = std::nullopt,
             .created_at = {}};
  Version v2 = v1;
  v2.number = 2;
  EXPECT_TRUE(IsSealed(v1, d));
  EXPECT_FALSE(IsSealed(v2, d));
  v2.published_at = Time{};
  EXPECT_TRUE(IsSealed(v2, d));
  EXPECT_EQ(RefuseNewVersion(d, 0)->reason, "invalid_transition");
  EXPECT_FALSE(RefuseNewVersion(d, 1).has_value());
  EXPECT_EQ(RefuseNewVersion(Doc(DocumentStatus::kArchived), 1)->reason, "invalid_transition");
  Document full = d;
  full.latest_version = kMaxVersionsPerDocument - 1;
  EXPECT_FALSE(RefuseNewVersion(full, 1).has_value());
  full.latest_version = kMaxVersionsPerDocument;
  EXPECT_EQ(RefuseNewVersion(full, 1)->reason, "too_many_versions");
  EXPECT_TRUE(IsValidFileName("annex-1_references.v2.pdf"));
  EXPECT_FALSE(IsValidFileName(""));
  EXPECT_FALSE(IsValidFileName("a b.pdf"));
  EXPECT_FALSE(IsValidFileName("../etc"));  // '/' is not allowed
  EXPECT_FALSE(IsValidFileName("."));       // dot segments: clients rewrite them away
  EXPECT_FALSE(IsValidFileName(".."));
  EXPECT_TRUE(IsValidFileName("..."));
  EXPECT_FALSE(IsValidFileName(std::string(129, 'a')));
}

TEST(CampaignRulesTest, ScopeCountryDatesHashtagAndManagers) {
  CampaignPatch p;
  p.name = values::LocalizedText{{"en", "Social services for all"}};
  p.scope = "national";
  p.country = "rs";
  p.starts_on = "2021-10-01";
  p.hashtag = "#socialservicesforall";
  Campaign c;
  ASSERT_TRUE(NewCampaign(p, &c).empty());
  EXPECT_EQ(c.country, "RS");
  EXPECT_TRUE(CanManage(Coordinator("RS"), c));
  EXPECT_FALSE(CanManage(Coordinator("BA"), c));
  EXPECT_TRUE(CanManage(Admin(), c));
  p.scope = "regional";
  EXPECT_EQ(FieldsOf(NewCampaign(p, &c)), std::set<std::string>{"country"});
  CampaignPatch bad;
  bad.scope = "global";
  bad.starts_on = "2021-02-30";
  bad.hashtag = "#no spaces";
  bad.key_messages = std::vector<values::LocalizedText>(21, {{"en", "m"}});
  bad.event_ids = std::vector<std::string>{"x"};
  EXPECT_EQ(FieldsOf(NewCampaign(bad, &c)),
            (std::set<std::string>{"name", "scope", "starts_on", "hashtag", "key_messages",
                                   "event_ids[0]"}));
  EXPECT_TRUE(IsHashtag("#a_1"));
  EXPECT_FALSE(IsHashtag("#"));
  EXPECT_FALSE(IsHashtag("socialservices"));
}

}  // namespace
}  // namespace iris::documents::domain
