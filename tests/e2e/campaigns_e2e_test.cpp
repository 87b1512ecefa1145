// Campaigns through the gateway: regional or national (national needs a country, regional has
// none), linked documents and events checked (unknown ids 422; events asked over gRPC), public
// reads that show anonymous callers only the published linked items; network admins manage
// every campaign, national coordinators the national ones of their country.
#include "tests/e2e/documents_suite.hpp"

namespace iris::testing {
namespace {

constexpr const char* kNothing = "00000000-0000-4000-8000-0000000000c4";

class CampaignsE2eTest : public DocumentsE2eTest {
 protected:
  static void SetUpTestSuite() { SetUpDocuments("Campaigns"); }
  static void TearDownTestSuite() { Stop(); }

  static json NewCampaign(const std::string& name, const std::string& scope = "national",
                          const std::string& country = "RS") {
    json c = {{"name", {{"en", name}, {"sr-Latn", "Socijalne usluge za sve"}}},
              {"hashtag", "#socialservicesforall"},
              {"scope", scope},
              {"starts_on", "2021-10-01"},
              {"ends_on", "2021-12-31"},
              {"lead_organization_id", org_},
              {"key_messages", {{{"en", "Every person has the right to live in the community."}}}}};
    if (!country.empty()) c["country"] = country;
    return c;
  }
  // An event of the admin (RS), published when `publish`; its id.
  static std::string Event(const std::string& title, bool publish) {
    const json body = {{"kind", "conference"},
                       {"title", {{"en", title}}},
                       {"format", "online"},
                       {"online_url", "https://meet.example.org/campaign"},
                       {"starts_at", "2031-10-20T07:00:00Z"},
                       {"ends_at", "2031-10-20T15:00:00Z"},
                       {"country", "RS"}};
    auto r = As(admin_, "POST", "/v1/events", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const std::string id = Parse(r).value("id", "");
    if (publish) {
      EXPECT_EQ(As(admin_, "POST", "/v1/events/" + id + "/publish").status, 200);
    }
    return id;
  }
  static bool HasFieldStartingWith(const HttpResult& r, const std::string& prefix) {
    for (const auto& f : FieldsOf(r)) {
      if (f.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }
};

TEST_F(CampaignsE2eTest, NationalNeedsACountryAndRegionalHasNone) {
  auto national = NewCampaign("No country " + token_, "national", "");
  ExpectProblem(As(admin_, "POST", "/v1/campaigns", national.dump()), 422, "country");
  auto regional = NewCampaign("With country " + token_, "regional", "RS");
  ExpectProblem(As(admin_, "POST", "/v1/campaigns", regional.dump()), 422, "country");
  auto bare = json{{"hashtag", "no spaces allowed"}};
  auto missing = As(admin_, "POST", "/v1/campaigns", bare.dump());
  ExpectProblem(missing, 422);
  for (const char* field : {"name", "scope", "starts_on", "hashtag"}) {
    EXPECT_TRUE(FieldsOf(missing).count(field)) << field << " not in " << missing.body;
  }
  auto ok =
      As(admin_, "POST", "/v1/campaigns", NewCampaign("Regional " + token_, "regional", "").dump());
  ASSERT_EQ(ok.status, 201) << ok.body;
  const json c = Parse(ok);
  EXPECT_EQ(c["scope"], "regional");
  EXPECT_TRUE(c["country"].is_null());
  EXPECT_EQ(ok.Header("location"), "/v1/campaigns/" + c.value("id", ""));
  EXPECT_EQ(ok.Header("etag").rfind("\"1.", 0), 0u) << ok.Header("etag");
}

TEST_F(CampaignsE2eTest, UnknownDocumentsAndEventsAre422) {
  auto unknown_document = NewCampaign("Unknown document " + token_);
  unknown_document["document_ids"] = {kNothing};
  auto r = As(admin_, "POST", "/v1/campaigns", unknown_document.dump());
  ExpectProblem(r, 422);
  EXPECT_TRUE(HasFieldStartingWith(r, "document_ids")) << r.body;
  auto unknown_event = NewCampaign("Unknown event " + token_);
  unknown_event["event_ids"] = {kNothing};
  auto e = As(admin_, "POST", "/v1/campaigns", unknown_event.dump());
  ExpectProblem(e, 422);
  EXPECT_TRUE(HasFieldStartingWith(e, "event_ids")) << e.body;
  // A member's draft the coordinator of another country does not see is unknown to them too.
  const std::string draft = Create(member_, NewDocument("Draft " + token_)).value("id", "");
  auto unseen = NewCampaign("Unseen " + token_, "national", "BA");
  unseen["document_ids"] = {draft};
  auto u = As(coordinator_ba_, "POST", "/v1/campaigns", unseen.dump());
  ExpectProblem(u, 422);
  EXPECT_TRUE(HasFieldStartingWith(u, "document_ids")) << u.body;
}

TEST_F(CampaignsE2eTest, AnonymousCallersSeeOnlyPublishedLinkedItems) {
  const std::string published_doc = Published(member_, NewDocument("Linked " + token_))["id"];
  const std::string draft_doc = Create(member_, NewDocument("Linked draft " + token_))["id"];
  const std::string published_event = Event("Linked event " + token_, true);
  const std::string draft_event = Event("Linked draft event " + token_, false);
  auto body = NewCampaign("Social services for all " + token_);
  body["document_ids"] = {published_doc, draft_doc};
  body["event_ids"] = {published_event, draft_event};
  auto created = As(admin_, "POST", "/v1/campaigns", body.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = Parse(created).value("id", "");
  const std::string path = "/v1/campaigns/" + id;
  EXPECT_EQ(Parse(created)["document_ids"], json({published_doc, draft_doc}));
  EXPECT_EQ(Parse(created)["event_ids"], json({published_event, draft_event}));

  auto anonymous = As("", "GET", path);
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  EXPECT_EQ(Parse(anonymous)["document_ids"], json({published_doc}));
  EXPECT_EQ(Parse(anonymous)["event_ids"], json({published_event}));
  EXPECT_EQ(Parse(anonymous)["hashtag"], "#socialservicesforall");
  // The draft's organisation sees its draft; only staff see the draft event.
  EXPECT_EQ(Parse(As(member_, "GET", path))["document_ids"], json({published_doc, draft_doc}));
  EXPECT_EQ(Parse(As(member_, "GET", path))["event_ids"], json({published_event}));
  EXPECT_EQ(Parse(As(admin_, "GET", path))["event_ids"], json({published_event, draft_event}));

  // Publishing a linked document changes what anonymous callers see, and the ETag with it.
  const std::string etag = anonymous.Header("etag");
  ASSERT_EQ(NewVersion(member_, draft_doc).status, 201);
  ASSERT_EQ(Put(member_, draft_doc, 1, "main.txt", "Text.", "text/plain").status, 201);
  ASSERT_EQ(Verb(member_, draft_doc, "submit").status, 200);
  ASSERT_EQ(Verb(admin_, draft_doc, "publish").status, 200);
  auto after = As("", "GET", path, "", {{"If-None-Match", etag}});
  ASSERT_EQ(after.status, 200) << "a 304 would keep the stale links";
  EXPECT_EQ(Parse(after)["document_ids"], json({published_doc, draft_doc}));
  EXPECT_EQ(As("", "GET", path, "", {{"If-None-Match", after.Header("etag")}}).status, 304);

  // Listed publicly, filtered by scope and country, with the same view of the links.
  auto listed = As("", "GET", "/v1/campaigns?scope=national&country=RS&limit=200");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(Ids(listed).count(id));
  EXPECT_FALSE(Ids(As("", "GET", "/v1/campaigns?scope=regional&limit=200")).count(id));
  ExpectProblem(As("", "GET", "/v1/campaigns?scope=global"), 400);
}

TEST_F(CampaignsE2eTest, CoordinatorsManageNationalCampaignsOfTheirCountryOnly) {
  auto ours = As(coordinator_rs_, "POST", "/v1/campaigns", NewCampaign("RS " + token_).dump());
  ASSERT_EQ(ours.status, 201) << ours.body;
  const std::string id = Parse(ours).value("id", "");
  ExpectProblem(As(coordinator_rs_, "POST", "/v1/campaigns",
                   NewCampaign("BA " + token_, "national", "BA").dump()),
                403);
  ExpectProblem(As(coordinator_rs_, "POST", "/v1/campaigns",
                   NewCampaign("Regional " + token_, "regional", "").dump()),
                403);
  ExpectProblem(As(member_, "POST", "/v1/campaigns", NewCampaign("Member " + token_).dump()), 403);
  ExpectProblem(As("", "POST", "/v1/campaigns", NewCampaign("Anonymous " + token_).dump()), 401);
  ExpectProblem(
      As(coordinator_ba_, "PATCH", "/v1/campaigns/" + id, json{{"ends_on", "2022-01-31"}}.dump()),
      403);
  auto stale = As(coordinator_rs_, "PATCH", "/v1/campaigns/" + id,
                  json{{"ends_on", "2022-01-31"}}.dump(), {{"If-Match", "\"5\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto changed = As(coordinator_rs_, "PATCH", "/v1/campaigns/" + id,
                    json{{"ends_on", "2022-01-31"}}.dump(), {{"If-Match", "\"1\""}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(Parse(changed)["ends_on"], "2022-01-31");
  EXPECT_EQ(Parse(changed)["version"], 2);
  auto backwards =
      As(admin_, "PATCH", "/v1/campaigns/" + id, json{{"ends_on", "2020-01-01"}}.dump());
  ExpectProblem(backwards, 422, "ends_on");
}

}  // namespace
}  // namespace iris::testing
