#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libs/status/grpc_status.hpp"
#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"

namespace iris::status {
namespace {

TEST(StatusTest, InvalidCarriesFieldErrorsAsUnprocessable) {
  Validator v;
  v.Add("name", "required");
  v.Add("country", "unknown country code");
  auto s = v.Finish();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HttpStatusFor(s), 422);
  auto detail = DetailOf(s);
  EXPECT_EQ(detail.reason(), "validation");
  ASSERT_EQ(detail.errors_size(), 2);
  EXPECT_EQ(detail.errors(1).field(), "country");
}

TEST(StatusTest, DetailSurvivesTheGrpcRoundTrip) {
  auto s = WithDetail(absl::FailedPreconditionError("stale"), "stale_version");
  auto back = FromGrpc(ToGrpc(s));
  EXPECT_EQ(back.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(back.message(), "stale");
  EXPECT_EQ(DetailOf(back).reason(), "stale_version");
  EXPECT_EQ(HttpStatusFor(back), 412);
}

TEST(StatusTest, MapsCodesToHttpStatuses) {
  EXPECT_EQ(HttpStatusFor(absl::NotFoundError("x")), 404);
  EXPECT_EQ(HttpStatusFor(absl::AlreadyExistsError("x")), 409);
  EXPECT_EQ(HttpStatusFor(absl::AbortedError("x")), 409);
  EXPECT_EQ(HttpStatusFor(absl::FailedPreconditionError("x")), 409);
  EXPECT_EQ(HttpStatusFor(absl::UnauthenticatedError("x")), 401);
  EXPECT_EQ(HttpStatusFor(absl::PermissionDeniedError("x")), 403);
  EXPECT_EQ(HttpStatusFor(absl::ResourceExhaustedError("x")), 429);
  EXPECT_EQ(HttpStatusFor(absl::UnavailableError("x")), 503);
  EXPECT_EQ(HttpStatusFor(absl::DeadlineExceededError("x")), 503);
  EXPECT_EQ(HttpStatusFor(absl::InternalError("x")), 500);
  EXPECT_EQ(HttpStatusFor(WithDetail(absl::InvalidArgumentError("x"), "malformed")), 400);
  EXPECT_TRUE(NeedsRetryAfter(503));
  EXPECT_TRUE(NeedsRetryAfter(429));
  EXPECT_FALSE(NeedsRetryAfter(404));
}

TEST(StatusTest, ProblemBodyFollowsRfc9457) {
  auto p = ProblemFor(Invalid("limit", "must be 1..200"), "req-1");
  EXPECT_EQ(p.http_status, 422);
  auto j = nlohmann::json::parse(p.body);
  EXPECT_EQ(j["type"], "/problems/validation");
  EXPECT_EQ(j["title"], "Unprocessable Content");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["instance"], "urn:request:req-1");
  EXPECT_EQ(j["errors"][0]["field"], "limit");
}

TEST(StatusTest, InternalErrorsDoNotLeakTheirMessage) {
  auto p = ProblemFor(absl::InternalError("pqxx: relation secret_table"), "r");
  EXPECT_EQ(p.http_status, 500);
  EXPECT_EQ(p.body.find("secret_table"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(p.body)["type"], "about:blank");
}

TEST(StatusTest, InvalidUtf8InMessagesIsReplacedNotThrown) {
  auto p = ProblemFor(absl::NotFoundError(std::string("bad \xff byte")), "r");
  EXPECT_NO_THROW(nlohmann::json::parse(p.body));
}

absl::StatusOr<int> Twice(absl::StatusOr<int> in) {
  IRIS_ASSIGN_OR_RETURN(int v, in);
  return v * 2;
}

TEST(StatusTest, MacrosPropagate) {
  EXPECT_EQ(*Twice(21), 42);
  EXPECT_EQ(Twice(absl::NotFoundError("x")).status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace iris::status
