#include "libs/status/status.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "libs/status/grpc_status.hpp"
#include "libs/status/problem.hpp"

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

// Regression: 5,000 bad values made a detail too large for gRPC metadata (a 429 with
// "received initial metadata size exceeds limit").
TEST(StatusTest, FieldErrorsAreCappedAndTheRestCounted) {
  std::vector<FieldError> errors;
  for (int i = 0; i < 5000; ++i) {
    errors.push_back({"target_groups[" + std::to_string(i) + "]", "is not a target group"});
  }
  auto s = Invalid(errors);
  auto detail = DetailOf(s);
  EXPECT_EQ(detail.errors_size(), static_cast<int>(kMaxErrors));
  EXPECT_EQ(detail.omitted_errors(), 4900);
  auto back = DetailOf(FromGrpc(ToGrpc(s)));
  EXPECT_EQ(back.omitted_errors(), 4900);
  auto body = nlohmann::json::parse(ProblemFor(s, "req-1").body);
  EXPECT_EQ(body["errors"].size(), kMaxErrors);
  EXPECT_EQ(body["errors_omitted"], 4900);
  // Exactly kMaxErrors: nothing omitted, no count.
  errors.resize(kMaxErrors);
  auto full = nlohmann::json::parse(ProblemFor(Invalid(errors), "req-2").body);
  EXPECT_EQ(full["errors"].size(), kMaxErrors);
  EXPECT_FALSE(full.contains("errors_omitted"));
}

// A Validator keeps the first kMaxErrors and counts the rest, rather than holding them all.
TEST(StatusTest, AValidatorKeepsTheFirstErrorsAndCountsTheRest) {
  Validator v;
  EXPECT_TRUE(v.Finish().ok());
  for (int i = 0; i < 5000; ++i) v.Add("f" + std::to_string(i), "is wrong");
  EXPECT_FALSE(v.ok());
  auto s = v.Finish();
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("(and 4999 more)"), std::string_view::npos) << s;
  auto detail = DetailOf(s);
  EXPECT_EQ(detail.errors_size(), static_cast<int>(kMaxErrors));
  EXPECT_EQ(detail.errors(99).field(), "f99");
  EXPECT_EQ(detail.omitted_errors(), 4900);
}

TEST(StatusTest, LongFieldNamesAndMessagesAreCutAtACharacter) {
  const std::string key(100000, 'k');
  const std::string cyrillic = std::string(250, 'x') + "Ђорђе Ђорђе";
  auto s = Invalid({{key, "unknown field"}, {"name", cyrillic}});
  auto detail = DetailOf(s);
  EXPECT_LE(detail.errors(0).field().size(), kMaxErrorText);
  EXPECT_TRUE(detail.errors(0).field().ends_with("\u2026"));
  EXPECT_LE(s.message().size(), 2 * kMaxErrorText + 16);
  EXPECT_EQ(detail.errors(1).message(), std::string(250, 'x') + "Ђ\u2026");
  // Still valid UTF-8: the problem body renders without replacement characters.
  const auto body = ProblemFor(s, "req-3").body;
  EXPECT_EQ(body.find("\xef\xbf\xbd"), std::string::npos);
  auto malformed = Malformed(key, "appears twice in one object");
  EXPECT_LE(malformed.message().size(), 2 * kMaxErrorText + 2);
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
  EXPECT_EQ(j["title"], "The request breaks a rule");
  EXPECT_EQ(j["status"], 422);
  EXPECT_EQ(j["instance"], "urn:request:req-1");
  EXPECT_EQ(j["errors"][0]["field"], "limit");
}

TEST(StatusTest, InternalErrorsDoNotLeakTheirMessage) {
  auto p = ProblemFor(absl::InternalError("pqxx: relation secret_table"), "r");
  EXPECT_EQ(p.http_status, 500);
  EXPECT_EQ(p.body.find("secret_table"), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(p.body)["type"], "/problems/internal");
}

TEST(StatusTest, InvalidUtf8InMessagesIsReplacedNotThrown) {
  auto p = ProblemFor(absl::NotFoundError(std::string("bad \xff byte")), "r");
  EXPECT_NO_THROW(nlohmann::json::parse(p.body));
}

TEST(StatusTest, MalformedNamesTheFieldAsInvalidDoesAndIsA400) {
  const auto s = Malformed("cursor", "is not a position in this list");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(HttpStatusFor(s), 400);
  EXPECT_EQ(s.message(), "cursor: is not a position in this list");
  // One message format for both kinds of bad input.
  EXPECT_EQ(Invalid("cursor", "is not a position in this list").message(), s.message());
  const auto detail = DetailOf(s);
  EXPECT_EQ(detail.reason(), "malformed");
  ASSERT_EQ(detail.errors_size(), 1);
  EXPECT_EQ(detail.errors(0).field(), "cursor");
  EXPECT_EQ(detail.errors(0).message(), "is not a position in this list");
}

TEST(StatusTest, MalformedWithoutAFieldHasNoFieldErrors) {
  const auto s = Malformed("request body is not valid JSON");
  EXPECT_EQ(HttpStatusFor(s), 400);
  EXPECT_EQ(s.message(), "request body is not valid JSON");
  EXPECT_EQ(DetailOf(s).errors_size(), 0);
}

// A domain's own problem type: Validation reads any {field, message} struct.
struct DomainProblem {
  std::string field;
  std::string message;
};

TEST(StatusTest, ValidationTurnsDomainProblemsIntoFieldErrors) {
  EXPECT_TRUE(Validation(std::vector<DomainProblem>{}).ok());
  const auto s =
      Validation(std::vector<DomainProblem>{{"name", "is required"}, {"country", "is required"}});
  EXPECT_EQ(HttpStatusFor(s), 422);
  EXPECT_EQ(s.message(), "name: is required (and 1 more)");
  const auto detail = DetailOf(s);
  EXPECT_EQ(detail.reason(), "validation");
  ASSERT_EQ(detail.errors_size(), 2);
  EXPECT_EQ(detail.errors(1).field(), "country");
}

TEST(StatusTest, CheckVersionPassesNoPreconditionAndTheCurrentVersion) {
  EXPECT_TRUE(CheckVersion("person", 3, 0).ok());
  EXPECT_TRUE(CheckVersion("person", 3, 3).ok());
  const auto stale = CheckVersion("person", 3, 2);
  EXPECT_EQ(stale.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(HttpStatusFor(stale), 412);
  EXPECT_EQ(DetailOf(stale).reason(), "stale_version");
  EXPECT_EQ(stale.message(), "the person is at version 3, not 2; fetch it and retry");
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
