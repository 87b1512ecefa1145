// Search through the gateway: `q` folds case, diacritics and Serbian script (a Cyrillic query
// finds a Latin title and the other way round), reads the text of uploaded PDFs as soon as the
// upload answered, and carries facets (kind, country, year, topic) counted over every match the
// caller may see; anonymous callers never find drafts. Each test searches words of this run
// only (UniqueWord), so the shared database's other documents never match.
#include <ctime>
#include <map>

#include "tests/e2e/documents_suite.hpp"

namespace iris::testing {
namespace {

class DocumentSearchE2eTest : public DocumentsE2eTest {
 protected:
  static void SetUpTestSuite() { SetUpDocuments("Document search"); }
  static void TearDownTestSuite() { Stop(); }

  static HttpResult Search(const std::string& who, const std::string& q,
                           const std::string& more = "") {
    return As(who, "GET", "/v1/documents?q=" + UrlEncode(q) + more);
  }
  // The facet `name` of a search answer as {value: count}.
  static std::map<std::string, int64_t> Facet(const HttpResult& r, const std::string& name) {
    std::map<std::string, int64_t> out;
    const json body = Parse(r);
    if (!body.is_object()) return out;
    const json facet = body.value("facets", json::object()).value(name, json::array());
    for (const auto& v : facet) out[v.value("value", "")] = v.value("count", int64_t{0});
    return out;
  }
  static std::string ThisYear() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return std::to_string(1900 + tm.tm_year);
  }
};

TEST_F(DocumentSearchE2eTest, CyrillicFindsLatinAndLatinFindsCyrillicWhateverTheDiacritics) {
  const auto [latin, cyrillic] = UniqueWord("script");
  auto latin_title = NewDocument("Socijalna zaštita i usluge " + latin);
  const std::string latin_id = Published(member_, latin_title).value("id", "");
  const auto [latin2, cyrillic2] = UniqueWord("script2");
  auto cyrillic_title = NewDocument("x");
  cyrillic_title["title"] = {{"sr-Cyrl", "Извештај о деинституционализацији " + cyrillic2}};
  const std::string cyrillic_id = Published(member_, cyrillic_title).value("id", "");

  for (const std::string& q : {latin, cyrillic, "заштита " + cyrillic, "ЗАШТИТА " + cyrillic,
                               "zastita " + latin, "Zaštita " + latin}) {
    auto r = Search("", q);
    ASSERT_EQ(r.status, 200) << q << ": " << r.body;
    EXPECT_EQ(Ids(r), std::set<std::string>{latin_id}) << q;
  }
  for (const std::string& q : {cyrillic2, latin2, "izvestaj " + latin2, "izveštaj " + latin2}) {
    auto r = Search("", q);
    ASSERT_EQ(r.status, 200) << q << ": " << r.body;
    EXPECT_EQ(Ids(r), std::set<std::string>{cyrillic_id}) << q;
  }
  // Every word must match.
  EXPECT_EQ(Ids(Search("", latin + " " + latin2)), std::set<std::string>{});
  ExpectProblem(Search("", std::string(201, 'a')), 400);
}

TEST_F(DocumentSearchE2eTest, AWordInsideAnUploadedPdfIsFoundOnceTheUploadAnswered) {
  const auto [word, cyrillic] = UniqueWord("pdf");
  const json d = Create(member_, NewDocument("Briefing with a PDF " + token_));
  const std::string id = d.value("id", "");
  ASSERT_EQ(NewVersion(member_, id).status, 201);
  auto put = Put(member_, id, 1, "briefing.pdf",
                 Pdf("Deinstitutionalization in the Western Balkans " + word), "application/pdf");
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(Parse(put)["media_type"], "application/pdf");
  // Its editors find the draft by the PDF's text at once; anonymous callers do not.
  EXPECT_EQ(Ids(Search(member_, word)), std::set<std::string>{id});
  EXPECT_EQ(Ids(Search(admin_, cyrillic)), std::set<std::string>{id});
  EXPECT_EQ(Ids(Search("", word)), std::set<std::string>{});
  EXPECT_EQ(Ids(Search(other_member_, word)), std::set<std::string>{});
  // Published: anyone finds it.
  ASSERT_EQ(Verb(member_, id, "submit").status, 200);
  ASSERT_EQ(Verb(admin_, id, "publish").status, 200);
  EXPECT_EQ(Ids(Search("", word)), std::set<std::string>{id});
  auto file = Download("", FilePath(id, 1, "briefing.pdf"));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.Header("content-type"), "application/pdf");
  EXPECT_EQ(file.Header("content-disposition").rfind("inline", 0), 0u);
}

TEST_F(DocumentSearchE2eTest, FacetsCountEveryMatchTheCallerMaySee) {
  const auto [word, cyrillic] = UniqueWord("facets");
  auto briefing = NewDocument("Briefing one " + word);
  briefing["kind"] = "briefing";
  briefing["topics"] = {"social-services"};
  auto regional = NewDocument("Briefing two " + word, json::array({"RS", "BA"}));
  regional["kind"] = "briefing";
  regional["topics"] = {"social-services", "licensing"};
  auto report = NewDocument("Shadow report " + word, json::array({"BA"}));
  report["topics"] = {"migration"};
  for (const auto& body : {briefing, regional, report}) {
    ASSERT_EQ(Published(member_, body).value("status", ""), "published");
  }
  // A draft matches for its editors only.
  auto draft = NewDocument("Draft " + word);
  draft["kind"] = "guide";
  const std::string draft_id = Create(member_, draft).value("id", "");

  auto r = Search("", word, "&limit=1");
  ASSERT_EQ(r.status, 200) << r.body;
  ASSERT_TRUE(Parse(r).contains("facets")) << r.body;
  EXPECT_EQ(Parse(r)["items"].size(), 1u);
  EXPECT_FALSE(Parse(r)["next_cursor"].is_null()) << "three matches, a page of one";
  // Over every match, not the page.
  EXPECT_EQ(Facet(r, "kind"),
            (std::map<std::string, int64_t>{{"briefing", 2}, {"shadow_report", 1}}));
  EXPECT_EQ(Facet(r, "country"), (std::map<std::string, int64_t>{{"RS", 2}, {"BA", 2}}));
  EXPECT_EQ(Facet(r, "year"), (std::map<std::string, int64_t>{{ThisYear(), 3}}));
  EXPECT_EQ(Facet(r, "topic"), (std::map<std::string, int64_t>{
                                   {"social-services", 2}, {"licensing", 1}, {"migration", 1}}));
  // Each facet is counted with every filter but its own: choosing a kind still shows the
  // other kinds (what choosing one of them instead would give), and narrows the other facets.
  auto briefings = Search("", word, "&kind=briefing");
  EXPECT_EQ(Ids(briefings).size(), 2u);
  EXPECT_EQ(Facet(briefings, "kind"),
            (std::map<std::string, int64_t>{{"briefing", 2}, {"shadow_report", 1}}));
  EXPECT_EQ(Facet(briefings, "country"), (std::map<std::string, int64_t>{{"RS", 2}, {"BA", 1}}));
  EXPECT_EQ(Facet(briefings, "topic"),
            (std::map<std::string, int64_t>{{"social-services", 2}, {"licensing", 1}}));
  // The draft's organisation sees it (and counts it); anonymous callers never.
  auto mine = Search(member_, word, "&limit=200");
  EXPECT_TRUE(Ids(mine).count(draft_id));
  EXPECT_EQ(Facet(mine, "kind")["guide"], 1);
  EXPECT_FALSE(Ids(Search("", word, "&limit=200")).count(draft_id));
  auto drafts = Search("", word, "&status=draft");
  ASSERT_EQ(drafts.status, 200) << drafts.body;
  EXPECT_EQ(Ids(drafts), std::set<std::string>{});
  EXPECT_EQ(Facet(drafts, "kind"), (std::map<std::string, int64_t>{}));
}

}  // namespace
}  // namespace iris::testing
