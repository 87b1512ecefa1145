// The REST helpers every route uses: pages and cursors, unpaged lists, If-Match, ETags,
// problems, bodies and verbs.
#include "services/gateway/routes/rest.hpp"

#include <gtest/gtest.h>

#include "iris/membership/v1/organizations.pb.h"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"

namespace iris::gateway {
namespace {

nlohmann::json ListJson(std::string_view items, const iris::common::v1::PageResponse& page,
                        const pagination::CursorCodec& codec, std::string_view list,
                        std::string_view sort) {
  return nlohmann::json::parse(rest::ListBody(items, page, codec, list, sort));
}

class RestTest : public ::testing::Test {
 protected:
  RequestContext Ctx() { return RequestContext{http_, "req-1", {}, {}, std::nullopt}; }
  void Header(std::string name, std::string value) {
    http_.headers.push_back({std::move(name), std::move(value)});
  }
  std::string HeaderOf(const Reply& r, std::string_view name) {
    for (const auto& h : r.headers) {
      if (h.name == name) return h.value;
    }
    return "";
  }

  http::HttpRequest http_;
  pagination::CursorCodec codec_{"rest-test-secret"};
};

TEST_F(RestTest, IfMatchAcceptsStrongWeakAndStarAndRefusesTheRest) {
  EXPECT_EQ(*rest::ExpectedVersion(Ctx()), 0) << "absent: no precondition";
  for (auto [value, expected] : std::vector<std::pair<std::string, int64_t>>{
           {"\"7\"", 7}, {"W/\"7\"", 7}, {" \"12\" ", 12}, {"*", 0}}) {
    http_.headers = {{"if-match", value}};
    auto v = rest::ExpectedVersion(Ctx());
    ASSERT_TRUE(v.ok()) << value;
    EXPECT_EQ(*v, expected) << value;
  }
  for (const char* bad : {"7", "\"abc\"", "\"0\"", "\"-1\"", "\"1\", \"2\"", "\"\"", "W/7"}) {
    http_.headers = {{"if-match", bad}};
    auto v = rest::ExpectedVersion(Ctx());
    EXPECT_EQ(status::HttpStatusFor(v.status()), 400) << bad;
    EXPECT_EQ(status::DetailOf(v.status()).errors(0).field(), "If-Match") << bad;
  }
}

TEST_F(RestTest, NextCursorRoundTripsIntoTheNextPageRequest) {
  iris::common::v1::PageResponse page;
  page.set_next_cursor(R"({"c":1,"i":"x"})");
  auto body = ListJson("[1,2]", page, codec_, "organizations", "");
  EXPECT_EQ(body["items"].size(), 2u);
  ASSERT_TRUE(body["next_cursor"].is_string());
  EXPECT_EQ(body["next_cursor"].get<std::string>().find("\"c\""), std::string::npos)
      << "opaque to clients";

  http_.query = {{"cursor", body["next_cursor"].get<std::string>()}, {"limit", "3"}};
  auto req = rest::PageRequestOf(Ctx(), codec_, "organizations");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->cursor(), R"({"c":1,"i":"x"})");
  EXPECT_EQ(req->limit(), 3);

  page.clear_next_cursor();
  body = ListJson("[]", page, codec_, "x", "");
  EXPECT_TRUE(body["next_cursor"].is_null());
  EXPECT_FALSE(body.contains("total")) << "only when include=total asked for it";
}

TEST_F(RestTest, ACursorBelongsToTheSortItWasIssuedFor) {
  iris::common::v1::PageResponse page;
  page.set_next_cursor(R"({"k":"Ana","i":"x"})");
  const std::string by_name =
      ListJson("[]", page, codec_, "organizations", "name")["next_cursor"].get<std::string>();
  http_.query = {{"cursor", by_name}, {"sort", "name"}};
  auto req = rest::PageRequestOf(Ctx(), codec_, "organizations");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_EQ(req->sort(), "name");
  EXPECT_EQ(req->cursor(), R"({"k":"Ana","i":"x"})");
  // The default order is created_at: naming it or not is one order, with one kind of cursor.
  page.set_next_cursor(R"({"k":"1","i":"x"})");
  const std::string by_default =
      ListJson("[]", page, codec_, "organizations", "created_at")["next_cursor"].get<std::string>();
  http_.query = {{"cursor", by_default}};
  EXPECT_TRUE(rest::PageRequestOf(Ctx(), codec_, "organizations").ok());
  http_.query = {{"cursor", by_default}, {"sort", "created_at"}};
  EXPECT_TRUE(rest::PageRequestOf(Ctx(), codec_, "organizations").ok());
  for (const auto& query : std::vector<std::vector<std::pair<std::string, std::string>>>{
           {{"cursor", by_name}},
           {{"cursor", by_name}, {"sort", "-name"}},
           {{"cursor", by_name}, {"sort", "created_at"}}}) {
    http_.query = query;
    auto other = rest::PageRequestOf(Ctx(), codec_, "organizations");
    EXPECT_EQ(status::HttpStatusFor(other.status()), 400);
    EXPECT_EQ(status::DetailOf(other.status()).errors(0).field(), "cursor");
  }
}

TEST_F(RestTest, IncludeTotalAsksForACountAndTheBodyShowsIt) {
  http_.query = {{"include", "total"}};
  auto req = rest::PageRequestOf(Ctx(), codec_, "organizations");
  ASSERT_TRUE(req.ok()) << req.status();
  EXPECT_TRUE(req->include_total());
  http_.query = {{"include", "count"}};
  EXPECT_EQ(status::DetailOf(rest::PageRequestOf(Ctx(), codec_, "organizations").status())
                .errors(0)
                .field(),
            "include");
  iris::common::v1::PageResponse page;
  page.set_total(10000);
  page.set_total_exact(false);
  auto body = ListJson("[]", page, codec_, "organizations", "");
  EXPECT_EQ(body["total"], 10000);
  EXPECT_EQ(body["total_exact"], false);
}

TEST_F(RestTest, FirstPageLeavesLimitToTheService) {
  auto req = rest::PageRequestOf(Ctx(), codec_, "organizations");
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req->limit(), 0);
  EXPECT_EQ(req->cursor(), "");
}

TEST_F(RestTest, BadLimitsAndForeignOrTamperedCursorsAre400) {
  for (const char* limit : {"0", "201", "abc", "", "-1", "5x"}) {
    http_.query = {{"limit", limit}};
    EXPECT_EQ(status::HttpStatusFor(rest::PageRequestOf(Ctx(), codec_, "organizations").status()),
              400)
        << "limit=" << limit;
  }
  iris::common::v1::PageResponse page;
  page.set_next_cursor("{}");
  const std::string other_list =
      ListJson("[]", page, codec_, "services", "")["next_cursor"].get<std::string>();
  const std::string other_key =
      ListJson("[]", page, pagination::CursorCodec("other"), "organizations", "")["next_cursor"]
          .get<std::string>();
  std::string tampered =
      ListJson("[]", page, codec_, "organizations", "")["next_cursor"].get<std::string>();
  tampered[1] = tampered[1] == 'A' ? 'B' : 'A';
  for (const auto& cursor : {other_list, other_key, tampered, std::string("garbage")}) {
    http_.query = {{"cursor", cursor}};
    auto req = rest::PageRequestOf(Ctx(), codec_, "organizations");
    EXPECT_EQ(status::HttpStatusFor(req.status()), 400) << cursor;
    EXPECT_EQ(status::DetailOf(req.status()).reason(), "malformed") << cursor;
  }
}

TEST_F(RestTest, CreatedCarriesLocationAndEtagAndNoContentIsEmpty) {
  iris::membership::v1::Organization org;
  org.set_id("o1");
  auto created = rest::Created(org, 1, "/v1/organizations/o1");
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(HeaderOf(created, "Location"), "/v1/organizations/o1");
  EXPECT_EQ(HeaderOf(created, "ETag"), "\"1\"");
  EXPECT_EQ(HeaderOf(rest::Resource(org, 9), "ETag"), "\"9\"");
  auto none = rest::NoContent();
  EXPECT_EQ(none.status, 204);
  EXPECT_TRUE(none.body.empty());
}

TEST_F(RestTest, CreatedWithoutAVersionHasNoEtag) {
  iris::membership::v1::Organization org;
  auto created = rest::Created(org, "/v1/api-keys/k1");
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(HeaderOf(created, "Location"), "/v1/api-keys/k1");
  EXPECT_EQ(HeaderOf(created, "ETag"), "");
}

TEST_F(RestTest, UnpagedListHasTheListShapeWithANullCursor) {
  iris::membership::v1::ListOrganizationsResponse list;
  list.add_items()->set_id("o1");
  list.mutable_page()->set_next_cursor("ignored: one page");
  auto reply = rest::UnpagedList(list, "public, max-age=300");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(HeaderOf(reply, "Cache-Control"), "public, max-age=300");
  auto body = nlohmann::json::parse(reply.body);
  EXPECT_EQ(body.size(), 2u) << body;
  ASSERT_EQ(body["items"].size(), 1u);
  EXPECT_EQ(body["items"][0]["id"], "o1");
  EXPECT_TRUE(body["next_cursor"].is_null());
  auto empty = nlohmann::json::parse(
      rest::UnpagedList(iris::membership::v1::ListOrganizationsResponse(), "x").body);
  EXPECT_EQ(empty["items"], nlohmann::json::array());
}

TEST_F(RestTest, ProblemIsProblemJsonWithTheRequestId) {
  auto reply = rest::Problem(absl::NotFoundError("gone"), Ctx());
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.content_type, "application/problem+json");
  EXPECT_EQ(nlohmann::json::parse(reply.body)["instance"], "urn:request:req-1");
}

TEST_F(RestTest, BodyIntoNamesTheFieldsSentAndRefusesNonObjects) {
  auto ctx = Ctx();
  ctx.json_body = nlohmann::json{{"name", "X"}, {"acronym", nullptr}, {"status", "active"}};
  iris::membership::v1::Organization org;
  google::protobuf::FieldMask fields;
  ASSERT_TRUE(rest::BodyInto(ctx, &org, &fields).ok());
  EXPECT_EQ(org.name(), "X");
  EXPECT_EQ(org.status(), iris::membership::v1::ORGANIZATION_STATUS_ACTIVE);
  EXPECT_EQ(std::vector<std::string>(fields.paths().begin(), fields.paths().end()),
            (std::vector<std::string>{"acronym", "name", "status"}));

  ctx.json_body = nlohmann::json::array();
  EXPECT_EQ(status::HttpStatusFor(rest::BodyInto(ctx, &org, &fields)), 422);
  // Field errors do not stop the route: they wait in body_errors for the service's dry run,
  // and the fields they name are neither parsed nor listed as sent.
  auto bad = Ctx();
  EXPECT_FALSE(bad.dry_run_allowed);
  bad.json_body = nlohmann::json{{"colour", "red"}, {"name", 5}, {"acronym", "AB"}};
  fields.Clear();
  ASSERT_TRUE(rest::BodyInto(bad, &org, &fields).ok());
  EXPECT_TRUE(bad.dry_run_allowed);
  EXPECT_EQ(bad.body_errors.count(), 2u);
  EXPECT_EQ(org.name(), "");
  EXPECT_EQ(org.acronym(), "AB");
  EXPECT_EQ(std::vector<std::string>(fields.paths().begin(), fields.paths().end()),
            (std::vector<std::string>{"acronym"}));
}

TEST_F(RestTest, VerbBodyIsOptionalButMustBeJsonWithOnlyANote) {
  EXPECT_EQ(*rest::VerbNote(Ctx()), "");
  http_.body = R"({"note": "late report"})";
  Header("content-type", "application/json");
  EXPECT_EQ(*rest::VerbNote(Ctx()), "late report");
  http_.body = R"({"note": 5, "why": "x"})";
  auto bad = rest::VerbNote(Ctx());
  EXPECT_EQ(status::HttpStatusFor(bad.status()), 422);
  EXPECT_EQ(status::DetailOf(bad.status()).errors_size(), 2);
  http_.body = R"({"note": )";
  EXPECT_EQ(status::HttpStatusFor(rest::VerbNote(Ctx()).status()), 400);
  http_.headers = {{"content-type", "text/plain"}};
  http_.body = "late report";
  EXPECT_EQ(status::HttpStatusFor(rest::VerbNote(Ctx()).status()), 415);
}

TEST_F(RestTest, VerbRouteHandsIfMatchAndNoteToTheAction) {
  auto route = rest::Verb(
      "/v1/things/{id}", "suspend", Access::kStaff,
      [](RequestContext&, const rest::VerbRequest& v) -> absl::StatusOr<Reply> {
        return Reply::Json(200, nlohmann::json{{"v", v.expected_version}, {"note", v.note}});
      });
  EXPECT_EQ(route.path, "/v1/things/{id}/suspend");
  EXPECT_EQ(route.method, Method::kPost);
  http_.headers = {{"content-type", "application/json"}, {"if-match", "W/\"4\""}};
  http_.body = R"({"note": "why"})";
  auto ctx = Ctx();
  auto reply = route.handle(ctx);
  ASSERT_TRUE(reply.ok()) << reply.status();
  EXPECT_EQ(nlohmann::json::parse(reply->body), (nlohmann::json{{"v", 4}, {"note", "why"}}));
  http_.headers = {{"if-match", "nope"}};
  http_.body.clear();
  auto bad = route.handle(ctx);
  EXPECT_EQ(status::HttpStatusFor(bad.status()), 400);
}

}  // namespace
}  // namespace iris::gateway
