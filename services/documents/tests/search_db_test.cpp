// Search against the real schema: Serbian found in Cyrillic for a Latin title and the other way,
// diacritics and case ignored, file text of the version the caller may see, ranking, the
// filters, facets counted over every match with the other filters applied, and offset pages.
#include <map>

#include "services/documents/tests/documents_db_test_base.hpp"

namespace iris::documents {
namespace {

class SearchDbTest : public DocumentsDbTestBase {
 protected:
  app::DocumentList Search(const identity::Caller& caller, const std::string& q,
                           std::vector<std::string> kind = {},
                           std::vector<std::string> country = {}, int limit = 0,
                           const std::string& cursor = "") {
    app::DocumentListRequest req{.kind = std::move(kind),
                                 .country = std::move(country),
                                 .topic = {},
                                 .language = {},
                                 .status = {},
                                 .year = {},
                                 .q = q,
                                 .page = {.limit = limit, .cursor = cursor}};
    auto found = documents_.List(caller, req);
    EXPECT_TRUE(found.ok()) << found.status();
    return found.ok() ? *found : app::DocumentList{};
  }
  static std::vector<std::string> Ids(const app::DocumentList& l) {
    std::vector<std::string> out;
    for (const auto& d : l.page.items) out.push_back(d.id);
    return out;
  }
  static bool Has(const app::DocumentList& l, const std::string& id) {
    for (const auto& d : l.page.items) {
      if (d.id == id) return true;
    }
    return false;
  }
  // A word no other test uses, so the matches are this test's documents only.
  std::string Word() {
    std::string w = "z" + NewId().substr(0, 8);
    for (auto& c : w) {
      if (c >= '0' && c <= '9') c = static_cast<char>('g' + (c - '0'));
    }
    return w;
  }
};

TEST_F(SearchDbTest, SerbianIsFoundInCyrillicForALatinTitleAndTheOtherWay) {
  const std::string w = Word();
  auto latin = WithStatus("Izveštaj iz senke " + w, {ActiveOrg()}, DocumentStatus::kPublished);
  auto cyrillic = Create(Admin(), Fields("Ђорђе Његош џеп " + w, {ActiveOrg()}));
  ASSERT_TRUE(versions_.Create(Admin(), cyrillic.id, "").ok());
  AddFile(cyrillic.id, 1, "main.txt");
  ASSERT_TRUE(documents_.Act(Admin(), cyrillic.id, DocumentVerb::kSubmit, "", 0).ok());
  ASSERT_TRUE(documents_.Act(Admin(), cyrillic.id, DocumentVerb::kPublish, "", 0).ok());
  EXPECT_TRUE(Has(Search(identity::Caller{}, "Извештај " + w), latin.id));
  EXPECT_TRUE(Has(Search(identity::Caller{}, "IZVESTAJ " + w), latin.id));
  EXPECT_TRUE(Has(Search(identity::Caller{}, "izveštaj " + w), latin.id));
  EXPECT_TRUE(Has(Search(identity::Caller{}, "Djordje Njegos " + w), cyrillic.id));
  EXPECT_TRUE(Has(Search(identity::Caller{}, "Đorđe džep " + w), cyrillic.id));
  // Every word must match.
  EXPECT_TRUE(Search(identity::Caller{}, "Izveštaj nepostojeće " + w).page.items.empty());
}

TEST_F(SearchDbTest, FileTextIsSearchedInTheVersionTheCallerMaySee) {
  const std::string w = Word();
  const std::string org = ActiveOrg();
  auto d = WithStatus("Balkan Briefings " + w, {org}, DocumentStatus::kPublished,
                      "quality standards of social services " + w + "alpha");
  EXPECT_TRUE(Has(Search(identity::Caller{}, w + "alpha"), d.id));
  ASSERT_TRUE(versions_.Create(Admin(), d.id, "").ok());
  AddFile(d.id, 2, "v2.txt", "revised text " + w + "beta");
  // The unpublished revision's text is the editors' only.
  EXPECT_FALSE(Has(Search(identity::Caller{}, w + "beta"), d.id));
  EXPECT_TRUE(Has(Search(MemberOf(org), w + "beta"), d.id));
  EXPECT_TRUE(Has(Search(identity::Caller{}, w + "alpha"), d.id));
  // Drafts match only for who sees them.
  auto draft = Create(MemberOf(org), Fields("Nacrt " + w, {org}));
  EXPECT_FALSE(Has(Search(identity::Caller{}, "nacrt " + w), draft.id));
  EXPECT_FALSE(Has(Search(MemberOf(ActiveOrg()), "nacrt " + w), draft.id));
  EXPECT_TRUE(Has(Search(MemberOf(org), "nacrt " + w), draft.id));
}

TEST_F(SearchDbTest, TitlesRankAboveFileTextAndPagesFollowTheRanking) {
  const std::string w = Word();
  auto in_text = WithStatus("Newsletter", {ActiveOrg()}, DocumentStatus::kPublished, w);
  auto in_title = WithStatus("Guide " + w, {ActiveOrg()}, DocumentStatus::kPublished);
  auto first = Search(identity::Caller{}, w);
  ASSERT_EQ(first.page.items.size(), 2u);
  EXPECT_EQ(first.page.items[0].id, in_title.id);
  EXPECT_EQ(first.page.items[1].id, in_text.id);
  auto page1 = Search(identity::Caller{}, w, {}, {}, 1);
  ASSERT_EQ(Ids(page1), std::vector<std::string>{in_title.id});
  ASSERT_FALSE(page1.page.next_cursor.empty());
  auto page2 = Search(identity::Caller{}, w, {}, {}, 1, page1.page.next_cursor);
  EXPECT_EQ(Ids(page2), std::vector<std::string>{in_text.id});
  EXPECT_TRUE(page2.page.next_cursor.empty());
}

TEST_F(SearchDbTest, FacetsCountEveryMatchWithTheOtherFiltersApplied) {
  const std::string w = Word();
  auto p1 = Fields("Assessment " + w, {ActiveOrg()}, {"RS"});
  WithStatus("Assessment RS " + w, {ActiveOrg()}, DocumentStatus::kPublished, "", {"RS"});
  WithStatus("Assessment BA " + w, {ActiveOrg()}, DocumentStatus::kPublished, "", {"BA"});
  WithStatus("Regional " + w, {ActiveOrg()}, DocumentStatus::kPublished, "", {"RS", "BA", "ME"});
  Create(Admin(), p1);  // a draft: not a match for the anonymous
  auto all = Search(identity::Caller{}, w);
  ASSERT_TRUE(all.facets.has_value());
  std::map<std::string, int64_t> counts;
  for (const auto& f : *all.facets) counts[f.facet + ":" + f.value] = f.count;
  EXPECT_EQ(counts["kind:shadow_report"], 3);
  EXPECT_EQ(counts["country:RS"], 2);
  EXPECT_EQ(counts["country:BA"], 2);
  EXPECT_EQ(counts["country:ME"], 1);
  EXPECT_EQ(counts["topic:social-services"], 3);
  EXPECT_EQ(counts["year:" +
                   std::to_string(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(
                                                                  std::chrono::system_clock::now()))
                                      .year()
                                      .
                                      operator int())],
            3);
  // With country=BA the page has two, the country facet still shows every country (its own
  // filter left out), the kind facet only BA's.
  auto ba = Search(identity::Caller{}, w, {}, {"BA"});
  EXPECT_EQ(ba.page.items.size(), 2u);
  counts.clear();
  for (const auto& f : *ba.facets) counts[f.facet + ":" + f.value] = f.count;
  EXPECT_EQ(counts["country:RS"], 2);
  EXPECT_EQ(counts["country:BA"], 2);
  EXPECT_EQ(counts["kind:shadow_report"], 2);
  // The admin also matches the draft.
  auto admin = Search(Admin(), w);
  EXPECT_EQ(admin.page.items.size(), 4u);
}

TEST_F(SearchDbTest, BadFiltersAndLongQueriesAre400) {
  app::DocumentListRequest req{.kind = {"novel"},
                               .country = {"XX"},
                               .topic = {"Not A Slug"},
                               .language = {},
                               .status = {},
                               .year = {12},
                               .q = std::string(201, 'a'),
                               .page = {}};
  auto bad = documents_.List(identity::Caller{}, req);
  ASSERT_TRUE(absl::IsInvalidArgument(bad.status())) << bad.status();
  EXPECT_EQ(Reason(bad.status()), "malformed");
  EXPECT_EQ(status::DetailOf(bad.status()).errors_size(), 5);
}

}  // namespace
}  // namespace iris::documents
