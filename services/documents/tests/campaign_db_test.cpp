// Campaigns against the real schema: who manages which, the lead organisation asked of
// membership, linked documents and events checked (unknown or unseen: 422; events down: 503),
// and what each caller reads: only the linked documents and events it may see.
#include <set>

#include "absl/strings/ascii.h"
#include "libs/status/testing/field_errors.hpp"
#include "services/documents/tests/documents_db_test_base.hpp"

namespace iris::documents {
namespace {

class CampaignDbTest : public DocumentsDbTestBase {
 protected:
  domain::CampaignPatch Fields(const std::string& scope, const std::string& country) {
    domain::CampaignPatch p;
    p.name = values::LocalizedText{{"en", iris::testing::UniqueName("Social services for all")}};
    p.hashtag = "#socialservicesforall";
    p.scope = scope;
    p.country = country;
    p.starts_on = "2021-10-01";
    p.ends_on = "2021-12-31";
    p.key_messages = std::vector<values::LocalizedText>{{{"en", "Services close to people"}}};
    return p;
  }
  std::string Event(const std::string& status) {
    const std::string id = NewId();
    events_.events[id] = {.exists = true, .status = status, .country = "RS"};
    return id;
  }
  // The fields of a 422, in any order.
  static std::set<std::string> Fields422(const absl::Status& s) {
    const auto fields = status::testing::FieldsOf(s);
    return {fields.begin(), fields.end()};
  }
};

TEST_F(CampaignDbTest, AdminsCreateEveryCampaignCoordinatorsTheirCountrysNationalOnes) {
  auto regional = campaigns_.Create(Admin(), Fields("regional", ""));
  ASSERT_TRUE(regional.ok()) << regional.status();
  EXPECT_EQ(Number("SELECT count(*) FROM documents.outbox WHERE subject_id = '" + regional->id +
                   "' AND type = 'documents.campaign.created'"),
            1);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.audit_log WHERE subject_id = '" + regional->id +
                   "' AND action = 'create'"),
            1);
  EXPECT_TRUE(campaigns_.Create(Coordinator("RS"), Fields("national", "RS")).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(
      campaigns_.Create(Coordinator("RS"), Fields("national", "BA")).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(
      campaigns_.Create(Coordinator("RS"), Fields("regional", "")).status()));
  EXPECT_TRUE(absl::IsPermissionDenied(
      campaigns_.Create(MemberOf(ActiveOrg()), Fields("national", "RS")).status()));
  EXPECT_TRUE(absl::IsUnauthenticated(
      campaigns_.Create(identity::Caller{}, Fields("national", "RS")).status()));
  // National needs a country, regional has none.
  EXPECT_EQ(Fields422(campaigns_.Create(Admin(), Fields("national", "")).status()),
            std::set<std::string>{"country"});
  EXPECT_EQ(Fields422(campaigns_.Create(Admin(), Fields("regional", "RS")).status()),
            std::set<std::string>{"country"});
  auto bad = Fields("national", "RS");
  bad.hashtag = "social services";
  bad.ends_on = "2021-01-01";
  EXPECT_EQ(Fields422(campaigns_.Create(Admin(), bad).status()),
            (std::set<std::string>{"hashtag", "ends_on"}));
}

TEST_F(CampaignDbTest, LinksAreCheckedAndReadersSeeOnlyWhatTheyMay) {
  const std::string org = ActiveOrg();
  const auto published = WithStatus("Published", {org}, DocumentStatus::kPublished);
  const auto draft = Create(Admin(), DocumentsDbTestBase::Fields("Draft", {org}));
  const std::string public_event = Event("published"), draft_event = Event("draft");
  auto p = Fields("national", "RS");
  p.lead_organization_id = org;
  p.document_ids = std::vector<std::string>{published.id, draft.id};
  p.event_ids = std::vector<std::string>{public_event, draft_event};
  // A member cannot link what it does not see either; unknown ids are 422 on their element.
  auto unknown = p;
  unknown.document_ids = std::vector<std::string>{published.id, NewId()};
  unknown.event_ids = std::vector<std::string>{NewId()};
  unknown.lead_organization_id = ActiveOrg(false);
  EXPECT_EQ(Fields422(campaigns_.Create(Admin(), unknown).status()),
            (std::set<std::string>{"document_ids[1]", "event_ids[0]", "lead_organization_id"}));
  events_.down = true;
  EXPECT_TRUE(absl::IsUnavailable(campaigns_.Create(Admin(), p).status()));
  events_.down = false;
  auto made = campaigns_.Create(Admin(), p);
  ASSERT_TRUE(made.ok()) << made.status();
  // The admin sees both links, the anonymous only the published ones.
  auto as_admin = campaigns_.Get(Admin(), made->id);
  ASSERT_TRUE(as_admin.ok()) << as_admin.status();
  EXPECT_EQ(as_admin->document_ids, (std::vector<std::string>{published.id, draft.id}));
  EXPECT_EQ(as_admin->event_ids, (std::vector<std::string>{public_event, draft_event}));
  auto as_anonymous = campaigns_.Get(identity::Caller{}, made->id);
  ASSERT_TRUE(as_anonymous.ok()) << as_anonymous.status();
  EXPECT_EQ(as_anonymous->document_ids, std::vector<std::string>{published.id});
  EXPECT_EQ(as_anonymous->event_ids, std::vector<std::string>{public_event});
  // In a list as well.
  app::CampaignListRequest req{.scope = {"national"}, .country = {"rs"}, .page = {}};
  auto page = campaigns_.List(identity::Caller{}, req);
  ASSERT_TRUE(page.ok()) << page.status();
  bool found = false;
  for (const auto& c : page->items) {
    if (c.id != made->id) continue;
    found = true;
    EXPECT_EQ(c.document_ids, std::vector<std::string>{published.id});
    EXPECT_EQ(c.event_ids, std::vector<std::string>{public_event});
  }
  EXPECT_TRUE(found);
  // The coordinator of its country edits it: the change is recorded.
  domain::CampaignPatch relink;
  relink.event_ids = std::vector<std::string>{};
  auto coordinator = Coordinator("RS");
  auto changed = campaigns_.Update(coordinator, made->id, relink, 0);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_TRUE(changed->event_ids.empty());
  EXPECT_EQ(Number("SELECT count(*) FROM documents.audit_log WHERE subject_id = '" + made->id +
                   "' AND action = 'update'"),
            1);
}

TEST_F(CampaignDbTest, ProblemsNameLinksByTheirPositionAsSent) {
  // A repeat (in another case) is stored once: the unknown ids after it keep their positions.
  const auto published = WithStatus("Published", {ActiveOrg()}, DocumentStatus::kPublished);
  auto p = Fields("regional", "");
  p.document_ids =
      std::vector<std::string>{published.id, absl::AsciiStrToUpper(published.id), NewId()};
  const std::string event = Event("published");
  p.event_ids = std::vector<std::string>{event, event, NewId()};
  EXPECT_EQ(Fields422(campaigns_.Create(Admin(), p).status()),
            (std::set<std::string>{"document_ids[2]", "event_ids[2]"}));
}

TEST_F(CampaignDbTest, UnknownCampaignsAreNotFound) {
  EXPECT_TRUE(absl::IsNotFound(campaigns_.Get(identity::Caller{}, NewId()).status()));
  EXPECT_TRUE(absl::IsNotFound(campaigns_.Get(identity::Caller{}, "not-a-uuid").status()));
}

}  // namespace
}  // namespace iris::documents
