// Documents against the real schema: who creates for which organisation (membership asked,
// nothing written when it is down), who sees drafts (another organisation's member: NOT_FOUND),
// the workflow with its file rule and publication, every change in the outbox and audit log,
// versions sealing the one before, and concurrent publications and new versions keeping the
// rules.
#include <atomic>
#include <thread>

#include "absl/strings/ascii.h"
#include "services/documents/domain/document_access.hpp"
#include "services/documents/domain/version.hpp"
#include "services/documents/tests/documents_db_test_base.hpp"

namespace iris::documents {
namespace {

class DocumentDbTest : public DocumentsDbTestBase {};

TEST_F(DocumentDbTest, AMemberCreatesForItsOwnOrganisationAndItIsRecorded) {
  const std::string org = ActiveOrg();
  auto p = Fields(iris::testing::UniqueName("Chapter 24 shadow report"), {});
  p.organization_ids.reset();
  const auto d = Create(MemberOf(org), p);
  ASSERT_FALSE(d.id.empty());
  EXPECT_EQ(d.organization_ids, std::vector<std::string>{org});
  EXPECT_EQ(d.status, DocumentStatus::kDraft);
  EXPECT_EQ(d.latest_version, 0);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.outbox WHERE subject_id = '" + d.id +
                   "' AND type = 'documents.document.created' AND payload->>'organization_id' = '" +
                   org + "' AND country = 'RS'"),
            1);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.audit_log WHERE subject_id = '" + d.id +
                   "' AND action = 'create'"),
            1);
  // Another organisation's document is 422 for a member; staff must name one.
  auto other = documents_.Create(MemberOf(org), Fields("Theirs", {ActiveOrg()}));
  EXPECT_TRUE(absl::IsInvalidArgument(other.status())) << other.status();
  auto none = documents_.Create(Admin(), Fields("Nobody's", {}));
  EXPECT_TRUE(absl::IsInvalidArgument(none.status())) << none.status();
}

TEST_F(DocumentDbTest, OrganisationsAreCheckedWithMembershipAndNothingIsWrittenWhenItIsDown) {
  auto refused = documents_.Create(Admin(), Fields("Refused", {ActiveOrg(false), NewId()}));
  ASSERT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  EXPECT_EQ(status::DetailOf(refused.status()).errors_size(), 2);
  membership_.down = true;
  const int before = Number("SELECT count(*) FROM documents.documents");
  auto down = documents_.Create(Admin(), Fields("Down", {ActiveOrg()}));
  EXPECT_TRUE(absl::IsUnavailable(down.status())) << down.status();
  EXPECT_EQ(Number("SELECT count(*) FROM documents.documents"), before);
}

TEST_F(DocumentDbTest, CoordinatorsWriteDocumentsOfTheirCountry) {
  auto ours = documents_.Create(Coordinator("RS"), Fields("Ours", {ActiveOrg()}, {"RS"}));
  EXPECT_TRUE(ours.ok()) << ours.status();
  auto theirs = documents_.Create(Coordinator("RS"), Fields("Theirs", {ActiveOrg()}, {"BA"}));
  EXPECT_TRUE(absl::IsPermissionDenied(theirs.status())) << theirs.status();
  auto regional = documents_.Create(Coordinator("RS"), Fields("Regional", {ActiveOrg()}, {}));
  EXPECT_TRUE(absl::IsPermissionDenied(regional.status())) << regional.status();
  auto anonymous = documents_.Create(identity::Caller{}, Fields("Anon", {ActiveOrg()}));
  EXPECT_TRUE(absl::IsUnauthenticated(anonymous.status())) << anonymous.status();
}

TEST_F(DocumentDbTest, DraftsAreNotFoundToAMemberOfAnotherOrganisationAndToTheAnonymous) {
  const std::string org = ActiveOrg();
  const auto d = Create(MemberOf(org), Fields("Draft", {org}));
  EXPECT_TRUE(documents_.Get(MemberOf(org), d.id).ok());
  EXPECT_TRUE(documents_.Get(Admin(), d.id).ok());
  EXPECT_TRUE(documents_.Get(Coordinator("RS"), d.id).ok());
  EXPECT_TRUE(absl::IsNotFound(documents_.Get(Coordinator("BA"), d.id).status()));
  const auto stranger = MemberOf(ActiveOrg());
  EXPECT_TRUE(absl::IsNotFound(documents_.Get(stranger, d.id).status()));
  EXPECT_TRUE(absl::IsNotFound(documents_.Get(identity::Caller{}, d.id).status()));
  // Editing another organisation's draft: 404, never 403 (its existence stays hidden).
  domain::DocumentPatch p;
  p.title = values::LocalizedText{{"en", "Taken over"}};
  EXPECT_TRUE(absl::IsNotFound(documents_.Update(stranger, d.id, p, 0).status()));
  EXPECT_TRUE(absl::IsNotFound(versions_.Create(stranger, d.id, "").status()));
  EXPECT_TRUE(
      absl::IsNotFound(documents_.Act(stranger, d.id, DocumentVerb::kSubmit, "", 0).status()));
  // Listed only to who sees it.
  app::DocumentListRequest mine{.kind = {},
                                .country = {},
                                .topic = {},
                                .language = {},
                                .status = {"draft"},
                                .year = {},
                                .q = "",
                                .page = {}};
  auto listed = documents_.List(stranger, mine);
  ASSERT_TRUE(listed.ok()) << listed.status();
  for (const auto& item : listed->page.items) EXPECT_NE(item.id, d.id);
  listed = documents_.List(MemberOf(org), mine);
  ASSERT_TRUE(listed.ok()) << listed.status();
  EXPECT_EQ(listed->page.items.size(), 1u);
}

TEST_F(DocumentDbTest, UnpublishedRegionalDocumentsAreSeenByTheCoordinatorsOfTheirCountries) {
  const std::string org = ActiveOrg();
  const auto d = Create(Admin(), Fields("Regional draft", {org}, {"RS", "ME"}));
  EXPECT_TRUE(documents_.Get(Coordinator("RS"), d.id).ok());
  EXPECT_TRUE(documents_.Get(Coordinator("ME"), d.id).ok());
  EXPECT_TRUE(absl::IsNotFound(documents_.Get(Coordinator("BA"), d.id).status()));
  const std::string word = iris::testing::UniqueName("regional");
  domain::DocumentPatch p;
  p.title = values::LocalizedText{{"en", "Edited " + word}};
  EXPECT_TRUE(absl::IsNotFound(documents_.Update(Coordinator("BA"), d.id, p, 0).status()));
  EXPECT_TRUE(documents_.Update(Coordinator("RS"), d.id, p, 0).ok());
  // Without a country: network admins and members of its organisations only.
  const auto none = Create(Admin(), Fields("No country", {org}, {}));
  EXPECT_TRUE(absl::IsNotFound(documents_.Get(Coordinator("RS"), none.id).status()));
  EXPECT_TRUE(documents_.Get(MemberOf(org), none.id).ok());
  // Lists and search (SQL) agree with the rule.
  app::DocumentListRequest drafts{.kind = {},
                                  .country = {},
                                  .topic = {},
                                  .language = {},
                                  .status = {"draft"},
                                  .year = {},
                                  .q = "",
                                  .page = {.limit = 50}};
  auto has = [&](const identity::Caller& caller, const std::string& id, const std::string& q) {
    auto req = drafts;
    req.q = q;
    auto listed = documents_.List(caller, req);
    EXPECT_TRUE(listed.ok()) << listed.status();
    if (!listed.ok()) return false;
    for (const auto& item : listed->page.items) {
      if (item.id == id) return true;
    }
    return false;
  };
  EXPECT_FALSE(has(Coordinator("BA"), d.id, ""));
  EXPECT_FALSE(has(Coordinator("BA"), d.id, word));
  EXPECT_FALSE(has(Coordinator("RS"), none.id, ""));
  EXPECT_TRUE(has(Coordinator("ME"), d.id, word));
  EXPECT_TRUE(has(Coordinator("ME"), d.id, ""));
}

TEST_F(DocumentDbTest, AMemberAddsOrganisationsButRemovesOnlyItsOwn) {
  const std::string ours = ActiveOrg(), theirs = ActiveOrg(), third = ActiveOrg();
  const auto member = MemberOf(ours);
  auto d = Create(Admin(), Fields("Shared draft", {ours, theirs}));
  domain::DocumentPatch take_over;
  take_over.organization_ids = std::vector<std::string>{ours};
  auto refused = documents_.Update(member, d.id, take_over, 0);
  ASSERT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  ASSERT_EQ(status::DetailOf(refused.status()).errors_size(), 1);
  EXPECT_EQ(status::DetailOf(refused.status()).errors(0).field(), "organization_ids");
  domain::DocumentPatch add;
  add.organization_ids = std::vector<std::string>{ours, theirs, third};
  auto added = documents_.Update(member, d.id, add, 0);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_EQ(added->organization_ids.size(), 3u);
  // Nor may the other organisation's member drop ours; staff remove any.
  domain::DocumentPatch drop_ours;
  drop_ours.organization_ids = std::vector<std::string>{theirs, third};
  EXPECT_TRUE(
      absl::IsInvalidArgument(documents_.Update(MemberOf(theirs), d.id, drop_ours, 0).status()));
  auto by_staff = documents_.Update(Admin(), d.id, take_over, 0);
  ASSERT_TRUE(by_staff.ok()) << by_staff.status();
  EXPECT_EQ(by_staff->organization_ids, std::vector<std::string>{ours});
}

TEST_F(DocumentDbTest, OrganisationProblemsNameThePositionAsSent) {
  const std::string org = ActiveOrg();
  auto p = Fields("Repeats", {org, absl::AsciiStrToUpper(org), NewId()});
  auto refused = documents_.Create(Admin(), p);
  ASSERT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
  ASSERT_EQ(status::DetailOf(refused.status()).errors_size(), 1);
  EXPECT_EQ(status::DetailOf(refused.status()).errors(0).field(), "organization_ids[2]");
}

TEST_F(DocumentDbTest, TheWorkflowNeedsAFileAndTheRightPeople) {
  const std::string org = ActiveOrg();
  const auto member = MemberOf(org);
  auto d = Create(member, Fields("Briefing", {org}));
  auto early = documents_.Act(member, d.id, DocumentVerb::kSubmit, "", 0);
  EXPECT_EQ(Reason(early.status()), "invalid_transition") << early.status();
  ASSERT_TRUE(versions_.Create(member, d.id, "first draft").ok());
  auto empty = documents_.Act(member, d.id, DocumentVerb::kSubmit, "", 0);
  EXPECT_EQ(Reason(empty.status()), "invalid_transition") << empty.status();
  AddFile(d.id, 1, "briefing.pdf");
  auto publish_draft = documents_.Act(Admin(), d.id, DocumentVerb::kPublish, "", 0);
  EXPECT_EQ(Reason(publish_draft.status()), "invalid_transition") << publish_draft.status();
  auto submitted = documents_.Act(member, d.id, DocumentVerb::kSubmit, "ready", 0);
  ASSERT_TRUE(submitted.ok()) << submitted.status();
  EXPECT_EQ(submitted->status, DocumentStatus::kInReview);
  EXPECT_EQ(submitted->status_note, "ready");
  EXPECT_TRUE(submitted->status_changed_at.has_value());
  // In review: frozen for its members (409), a member may not publish it (403, it sees it).
  domain::DocumentPatch p;
  p.title = values::LocalizedText{{"en", "Changed"}};
  EXPECT_EQ(Reason(documents_.Update(member, d.id, p, 0).status()), "invalid_transition");
  EXPECT_TRUE(absl::IsPermissionDenied(
      documents_.Act(member, d.id, DocumentVerb::kPublish, "", 0).status()));
  // A coordinator of another country does not even see it.
  EXPECT_TRUE(absl::IsNotFound(
      documents_.Act(Coordinator("BA"), d.id, DocumentVerb::kPublish, "", 0).status()));
  auto stale = documents_.Act(Coordinator("RS"), d.id, DocumentVerb::kPublish, "", 1);
  EXPECT_EQ(Reason(stale.status()), "stale_version") << stale.status();
  auto published = documents_.Act(Coordinator("RS"), d.id, DocumentVerb::kPublish, "", 0);
  ASSERT_TRUE(published.ok()) << published.status();
  EXPECT_EQ(published->status, DocumentStatus::kPublished);
  EXPECT_EQ(published->published_version, 1);
  EXPECT_TRUE(published->published_at.has_value());
  EXPECT_EQ(Number("SELECT count(*) FROM documents.versions WHERE document_id = '" + d.id +
                   "' AND published_at IS NOT NULL"),
            1);
  EXPECT_TRUE(documents_.Get(identity::Caller{}, d.id).ok());
  auto again = documents_.Act(Admin(), d.id, DocumentVerb::kPublish, "", 0);
  EXPECT_EQ(Reason(again.status()), "invalid_transition") << again.status();
  auto archived = documents_.Act(Admin(), d.id, DocumentVerb::kArchive, "", 0);
  ASSERT_TRUE(archived.ok()) << archived.status();
  EXPECT_EQ(archived->status, DocumentStatus::kArchived);
  EXPECT_TRUE(documents_.Get(identity::Caller{}, d.id).ok());
  EXPECT_EQ(Reason(versions_.Create(Admin(), d.id, "").status()), "invalid_transition");
  for (const char* type : {"documents.document.submitted", "documents.document.published",
                           "documents.document.archived", "documents.version.created"}) {
    EXPECT_EQ(Number("SELECT count(*) FROM documents.outbox WHERE subject_id = '" + d.id +
                     "' AND type = '" + std::string(type) + "'"),
              1)
        << type;
  }
  EXPECT_EQ(Number("SELECT count(*) FROM documents.audit_log WHERE subject_id = '" + d.id + "'"),
            5);
}

TEST_F(DocumentDbTest, ANewVersionSealsTheOneBeforeAndARevisionIsPublishedByItself) {
  const std::string org = ActiveOrg();
  auto d = WithStatus("Revised", {org}, DocumentStatus::kPublished);
  // Another organisation's member sees it but may not revise it.
  EXPECT_TRUE(absl::IsPermissionDenied(versions_.Create(MemberOf(ActiveOrg()), d.id, "").status()));
  // A member of its organisation revises it; readers still see version 1 only.
  auto v2 = versions_.Create(MemberOf(org), d.id, "corrections");
  ASSERT_TRUE(v2.ok()) << v2.status();
  EXPECT_EQ(v2->versions[0].number, 2);
  auto listed = versions_.List(identity::Caller{}, d.id);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->versions.size(), 1u);
  EXPECT_TRUE(domain::IsSealed(listed->versions[0], listed->document));
  EXPECT_TRUE(absl::IsNotFound(versions_.Get(identity::Caller{}, d.id, 2).status()));
  auto as_member = versions_.List(MemberOf(org), d.id);
  ASSERT_TRUE(as_member.ok());
  ASSERT_EQ(as_member->versions.size(), 2u);
  EXPECT_TRUE(domain::IsSealed(as_member->versions[0], as_member->document));
  EXPECT_FALSE(domain::IsSealed(as_member->versions[1], as_member->document));
  // An empty version cannot be followed, nor published.
  EXPECT_EQ(Reason(versions_.Create(Admin(), d.id, "").status()), "invalid_transition");
  EXPECT_EQ(Reason(documents_.Act(Admin(), d.id, DocumentVerb::kPublish, "", 0).status()),
            "invalid_transition");
  AddFile(d.id, 2, "revised.pdf");
  auto revision = documents_.Act(Admin(), d.id, DocumentVerb::kPublish, "revision", 0);
  ASSERT_TRUE(revision.ok()) << revision.status();
  EXPECT_EQ(revision->published_version, 2);
  EXPECT_EQ(revision->status, DocumentStatus::kPublished);
  EXPECT_EQ(revision->published_at, d.published_at);  // the first publication stays its date
  EXPECT_EQ(domain::CurrentVersionFor(identity::Caller{}, *revision), 2);
}

TEST_F(DocumentDbTest, ARevisionInPreparationLeavesWhatReadersSeeUnchanged) {
  const std::string org = ActiveOrg();
  const auto d = WithStatus("Quiet revision", {org}, DocumentStatus::kPublished);
  auto before = documents_.Get(identity::Caller{}, d.id);
  ASSERT_TRUE(before.ok()) << before.status();
  ASSERT_TRUE(versions_.Create(MemberOf(org), d.id, "corrections").ok());
  AddFile(d.id, 2, "revised.txt", "corrected figures");
  auto after = documents_.Get(identity::Caller{}, d.id);
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->version, before->version);
  EXPECT_EQ(after->updated_at, before->updated_at);
  EXPECT_EQ(domain::CurrentVersionFor(identity::Caller{}, *after), 1);
  // Its editors see the new version (the gateway's ETag variant carries it).
  auto as_member = documents_.Get(MemberOf(org), d.id);
  ASSERT_TRUE(as_member.ok());
  EXPECT_EQ(domain::CurrentVersionFor(MemberOf(org), *as_member), 2);
}

TEST_F(DocumentDbTest, ADocumentHoldsAtMostAHundredVersions) {
  auto d = WithStatus("Many versions", {ActiveOrg()}, DocumentStatus::kDraft);
  // Versions 2..99 put in place with SQL (each one created through the use case would need
  // a file first); the 100th through the use case, then the 101st is refused.
  const int last = domain::kMaxVersionsPerDocument - 1;
  Text("WITH v AS (INSERT INTO documents.versions (document_id, number) SELECT '" + d.id +
       "', n FROM generate_series(2, " + std::to_string(last) +
       ") n RETURNING 1) UPDATE documents.documents SET latest_version = " + std::to_string(last) +
       " WHERE id = '" + d.id + "' RETURNING latest_version::text");
  AddFile(d.id, last, "main.txt");
  auto hundredth = versions_.Create(Admin(), d.id, "");
  ASSERT_TRUE(hundredth.ok()) << hundredth.status();
  EXPECT_EQ(hundredth->versions[0].number, domain::kMaxVersionsPerDocument);
  AddFile(d.id, domain::kMaxVersionsPerDocument, "main.txt");
  auto over = versions_.Create(Admin(), d.id, "");
  EXPECT_EQ(Reason(over.status()), "too_many_versions") << over.status();
  EXPECT_EQ(Number("SELECT count(*) FROM documents.versions WHERE document_id = '" + d.id + "'"),
            domain::kMaxVersionsPerDocument);
}

TEST_F(DocumentDbTest, PatchChangesFieldsRecordsThemAndChecksTheVersion) {
  const std::string org = ActiveOrg();
  const auto member = MemberOf(org);
  auto d = Create(member, Fields("Guide", {org}));
  domain::DocumentPatch p;
  p.summary = values::LocalizedText{{"en", "How to refer migrants"}};
  p.authors = std::vector<std::string>{"Ana Anić"};
  auto changed = documents_.Update(member, d.id, p, d.version);
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->version, d.version + 1);
  EXPECT_EQ(Reason(documents_.Update(member, d.id, p, d.version).status()), "stale_version");
  // The same patch again changes nothing and records nothing.
  EXPECT_EQ(documents_.Update(member, d.id, p, 0)->version, changed->version);
  EXPECT_EQ(Number("SELECT count(*) FROM documents.audit_log WHERE subject_id = '" + d.id +
                   "' AND action = 'update' AND changes->'fields' ? 'authors'"),
            1);
  // A member keeps its own organisation.
  domain::DocumentPatch away;
  away.organization_ids = std::vector<std::string>{ActiveOrg()};
  auto refused = documents_.Update(member, d.id, away, 0);
  EXPECT_TRUE(absl::IsInvalidArgument(refused.status())) << refused.status();
}

TEST_F(DocumentDbTest, ConcurrentPublicationsAndNewVersionsKeepTheRules) {
  // Many callers at once on one published document with an unpublished, filled version 2:
  // publishing it and creating version 3 race. Whatever the order, the published version is
  // never empty, and a version that was published takes no number twice.
  for (int round = 0; round < 5; ++round) {
    auto d = WithStatus("Race", {ActiveOrg()}, DocumentStatus::kPublished);
    ASSERT_TRUE(versions_.Create(Admin(), d.id, "").ok());
    AddFile(d.id, 2, "v2.pdf");
    std::atomic<int> published{0}, created{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
      threads.emplace_back([&, i] {
        if (i % 2 == 0) {
          if (documents_.Act(Admin(), d.id, DocumentVerb::kPublish, "", 0).ok()) ++published;
        } else {
          if (versions_.Create(Admin(), d.id, "").ok()) ++created;
        }
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_LE(published.load(), 1);
    EXPECT_LE(created.load(), 1);  // version 3 is empty: no version 4 may follow it
    // Publishing version 2 first leaves room for version 3; creating version 3 first leaves an
    // empty latest version nobody may publish: either way something succeeded.
    EXPECT_GE(published.load() + created.load(), 1);
    EXPECT_EQ(Number("SELECT count(*) FROM documents.versions v WHERE document_id = '" + d.id +
                     "' AND published_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                     "documents.files f WHERE f.document_id = v.document_id AND f.version = "
                     "v.number)"),
              0);
    EXPECT_EQ(Number("SELECT count(*) FROM documents.documents WHERE id = '" + d.id +
                     "' AND published_version <= latest_version"),
              1);
  }
}

}  // namespace
}  // namespace iris::documents
