// Documents through the gateway: members draft for their own organisation and submit, staff
// publish and archive (a network admin, or the coordinator of the document's single country);
// drafts are 404 to everyone else (a member of another organisation editing one included);
// publishing from draft is 409; If-Match on changes; a published document revised with a new
// version, published again.
#include "tests/e2e/documents_suite.hpp"

namespace iris::testing {
namespace {

TEST_F(DocumentsE2eTest, DraftInReviewPublishedArchivedWithTheRolesOfEachStep) {
  auto r = As(member_, "POST", "/v1/documents", NewDocument("Shadow report " + token_).dump());
  ASSERT_EQ(r.status, 201) << r.body;
  const json d = Parse(r);
  const std::string id = d["id"];
  const std::string path = "/v1/documents/" + id;
  EXPECT_EQ(r.Header("location"), path);
  EXPECT_EQ(r.Header("etag").rfind("\"1.", 0), 0u) << r.Header("etag");
  EXPECT_EQ(d["status"], "draft");
  EXPECT_EQ(d["kind"], "shadow_report");
  EXPECT_EQ(d["countries"], json({"RS"}));
  EXPECT_EQ(d["organization_ids"], json({org_}));
  EXPECT_EQ(d["current_version"], 0);
  EXPECT_TRUE(d["published_at"].is_null());
  EXPECT_TRUE(d["status_note"].is_null());

  // A draft is 404 to all but its organisation's members and the staff who may edit it.
  EXPECT_EQ(As("", "GET", path).status, 404);
  EXPECT_EQ(As(other_member_, "GET", path).status, 404);
  EXPECT_EQ(As(coordinator_ba_, "GET", path).status, 404);
  EXPECT_EQ(As(coordinator_rs_, "GET", path).status, 200);
  EXPECT_EQ(As(admin_, "GET", path).status, 200);

  // Nothing to review yet: a version with a file is needed first.
  auto empty = Verb(member_, id, "submit");
  EXPECT_EQ(empty.status, 409) << empty.body;
  EXPECT_EQ(Type(empty), "/problems/invalid_transition");
  auto v1 = NewVersion(member_, id, "First edition.");
  ASSERT_EQ(v1.status, 201) << v1.body;
  EXPECT_EQ(Parse(v1)["number"], 1);
  EXPECT_EQ(v1.Header("location"), path + "/versions/1");
  EXPECT_EQ(Verb(member_, id, "submit").status, 409) << "a version without a file";
  ASSERT_EQ(Put(member_, id, 1, "report.txt", "The report, in plain text.", "text/plain").status,
            201);

  // Publishing needs review first.
  auto early = Verb(admin_, id, "publish");
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_EQ(Type(early), "/problems/invalid_transition");

  auto stale = Verb(member_, id, "submit", "\"9\"");
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto submitted = Verb(member_, id, "submit");
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(Parse(submitted)["status"], "in_review");
  EXPECT_FALSE(Parse(submitted)["status_changed_at"].is_null());
  // In review the document is frozen for members (its state forbids it: 409); staff may still
  // edit it.
  auto frozen = As(member_, "PATCH", path, json{{"topics", {"migration"}}}.dump());
  EXPECT_EQ(frozen.status, 409) << frozen.body;
  EXPECT_EQ(Type(frozen), "/problems/invalid_transition");
  auto by_staff = As(coordinator_rs_, "PATCH", path, json{{"topics", {"migration"}}}.dump());
  EXPECT_EQ(by_staff.status, 200) << by_staff.body;
  ExpectProblem(Verb(member_, id, "publish"), 403);  // members never publish
  // The coordinator of another country does not even see it; of its country publishes it.
  EXPECT_EQ(Verb(coordinator_ba_, id, "publish").status, 404);
  auto published = Verb(coordinator_rs_, id, "publish");
  ASSERT_EQ(published.status, 200) << published.body;
  const json p = Parse(published);
  EXPECT_EQ(p["status"], "published");
  EXPECT_FALSE(p["published_at"].is_null());
  EXPECT_EQ(p["current_version"], 1);

  // Anyone reads it now, with its published version.
  auto anonymous = As("", "GET", path);
  ASSERT_EQ(anonymous.status, 200) << anonymous.body;
  EXPECT_EQ(Parse(anonymous)["title"]["en"], "Shadow report " + token_);
  EXPECT_EQ(Parse(anonymous)["current_version"], 1);
  auto versions = As("", "GET", path + "/versions");
  ASSERT_EQ(versions.status, 200) << versions.body;
  ASSERT_EQ(Parse(versions)["items"].size(), 1u) << versions.body;
  EXPECT_EQ(Parse(versions)["items"][0]["published"], true);
  EXPECT_TRUE(Parse(versions)["next_cursor"].is_null());
  // Published documents change only through a new version.
  auto changed = As(admin_, "PATCH", path, json{{"topics", {"asylum"}}}.dump());
  EXPECT_EQ(changed.status, 409) << changed.body;
  // Another country's coordinator sees it now, but may not archive it.
  ExpectProblem(Verb(coordinator_ba_, id, "archive"), 403);
  auto archived = Verb(coordinator_rs_, id, "archive");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_EQ(Parse(archived)["status"], "archived");
  EXPECT_EQ(As("", "GET", path).status, 200) << "archived documents stay readable";
  auto late = NewVersion(member_, id);
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(Verb(admin_, id, "archive").status, 409);
}

TEST_F(DocumentsE2eTest, AMemberEditingAnotherOrganisationsDraftIs404) {
  const json d = Create(member_, NewDocument("Not yours " + token_));
  const std::string id = d.value("id", "");
  const std::string path = "/v1/documents/" + id;
  auto patch = As(other_member_, "PATCH", path, json{{"title", {{"en", "Mine now"}}}}.dump());
  ExpectProblem(patch, 404);
  ExpectProblem(Verb(other_member_, id, "submit"), 404);
  ExpectProblem(NewVersion(other_member_, id), 404);
  ExpectProblem(As(other_member_, "GET", path + "/versions"), 404);
  // Its own organisation's member may, with If-Match.
  auto stale = As(member_, "PATCH", path, json{{"authors", {"B"}}}.dump(), {{"If-Match", "\"7\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  auto ok = As(member_, "PATCH", path, json{{"authors", {"Ana Marković", "Branko Ilić"}}}.dump(),
               {{"If-Match", "\"1\""}});
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(Parse(ok)["authors"], json({"Ana Marković", "Branko Ilić"}));
  EXPECT_EQ(Parse(ok)["version"], 2);
  EXPECT_EQ(As(admin_, "GET", path).status, 200);
}

TEST_F(DocumentsE2eTest, RegionalDocumentsArePublishedByNetworkAdminsOnly) {
  const json d = Create(member_, NewDocument("Regional " + token_, json::array({"RS", "ME"})));
  const std::string id = d.value("id", "");
  ASSERT_EQ(NewVersion(member_, id).status, 201);
  ASSERT_EQ(Put(member_, id, 1, "main.txt", "Regional text.", "text/plain").status, 201);
  ASSERT_EQ(Verb(member_, id, "submit").status, 200);
  // The coordinator of one of its countries sees it (403: may not publish it); of another
  // country, it is hidden (404).
  ExpectProblem(Verb(coordinator_rs_, id, "publish"), 403);
  ExpectProblem(Verb(coordinator_ba_, id, "publish"), 404);
  ExpectProblem(As(coordinator_ba_, "GET", "/v1/documents/" + id), 404);
  EXPECT_EQ(Verb(admin_, id, "publish").status, 200);
}

TEST_F(DocumentsE2eTest, APublishedDocumentIsRevisedWithANewVersionPublishedAgain) {
  const json p = Published(member_, NewDocument("Revised " + token_));
  const std::string id = p.value("id", "");
  ASSERT_EQ(p.value("status", ""), "published");
  // Nothing new to publish yet.
  EXPECT_EQ(Verb(admin_, id, "publish").status, 409);
  const std::string path = "/v1/documents/" + id;
  const std::string etag = As(member_, "GET", path).Header("etag");
  EXPECT_EQ(As(member_, "GET", path, "", {{"If-None-Match", etag}}).status, 304);
  const std::string public_etag = As("", "GET", path).Header("etag");
  ASSERT_FALSE(public_etag.empty());
  auto v2 = NewVersion(member_, id, "Corrected figures.");
  ASSERT_EQ(v2.status, 201) << v2.body;
  EXPECT_EQ(Parse(v2)["number"], 2);
  ASSERT_EQ(Put(member_, id, 2, "main.txt", "Corrected text.", "text/plain").status, 201);
  // Its editors see version 2 now: the ETag says so even if the document's version did not move.
  EXPECT_EQ(As(member_, "GET", path, "", {{"If-None-Match", etag}}).status, 200);
  // Readers still see version 1 and learn nothing of the revision in preparation; its
  // editors see version 2.
  EXPECT_EQ(As("", "GET", path).Header("etag"), public_etag);
  EXPECT_EQ(Parse(As("", "GET", "/v1/documents/" + id))["current_version"], 1);
  EXPECT_EQ(Parse(As(member_, "GET", "/v1/documents/" + id))["current_version"], 2);
  EXPECT_EQ(As("", "GET", "/v1/documents/" + id + "/versions/2").status, 404);
  auto again = Verb(admin_, id, "publish");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(Parse(again)["current_version"], 2);
  EXPECT_EQ(Parse(again)["published_at"], p["published_at"]) << "the first publication";
  auto v2_public = As("", "GET", "/v1/documents/" + id + "/versions/2");
  ASSERT_EQ(v2_public.status, 200) << v2_public.body;
  EXPECT_EQ(Parse(v2_public)["published"], true);
  EXPECT_EQ(As("", "GET", "/v1/documents/" + id + "/versions/x").status, 404);
}

TEST_F(DocumentsE2eTest, BrokenRulesAre422NamingEachFieldAndListsHideDrafts) {
  auto bad = NewDocument("");
  bad["kind"] = "pamphlet";
  bad["topics"] = {"Not A Slug"};
  bad["status"] = "published";
  auto r = As(member_, "POST", "/v1/documents", bad.dump());
  ExpectProblem(r, 422);
  for (const char* field : {"kind", "status"}) {
    EXPECT_TRUE(FieldsOf(r).count(field)) << field << " not in " << r.body;
  }
  ExpectProblem(As("", "POST", "/v1/documents", NewDocument("Anonymous").dump()), 401);
  ExpectProblem(As(member_, "POST", "/v1/documents/" + org_ + "/publish"), 403);

  const json draft = Create(member_, NewDocument("Listed " + token_));
  const std::string id = draft.value("id", "");
  auto listed = As(member_, "GET", "/v1/documents?status=draft&limit=200");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_TRUE(Ids(listed).count(id));
  EXPECT_FALSE(Parse(listed).contains("facets")) << "facets only with q";
  EXPECT_FALSE(Ids(As("", "GET", "/v1/documents?limit=200")).count(id));
  EXPECT_FALSE(Ids(As(other_member_, "GET", "/v1/documents?status=draft&limit=200")).count(id));
  ExpectProblem(As("", "GET", "/v1/documents?year=twenty"), 400);
  ExpectProblem(As("", "GET", "/v1/documents?kind=pamphlet"), 400);
  ExpectProblem(As("", "GET", "/v1/documents?colour=red"), 400);
}

}  // namespace
}  // namespace iris::testing
