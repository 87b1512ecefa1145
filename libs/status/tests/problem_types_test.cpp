// The problem vocabulary: every answer's type is registered, and each registered type answers
// with its own status and title.
#include "libs/status/problem_types.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"

namespace iris::status {
namespace {

nlohmann::json Body(const absl::Status& s) {
  return nlohmann::json::parse(ProblemFor(s, "r").body);
}

TEST(ProblemTypesTest, EachTypeAnswersWithItsStatusAndTitle) {
  std::set<std::string_view> names;
  for (const auto& t : ProblemTypes()) {
    SCOPED_TRACE(std::string(t.name));
    EXPECT_TRUE(names.insert(t.name).second) << "registered twice";
    for (char c : t.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_');
    EXPECT_FALSE(t.title.empty());
    EXPECT_GT(t.detail.size(), t.title.size());
    const auto s = WithDetail(absl::Status(t.code, "x"), t.name);
    EXPECT_EQ(HttpStatusFor(s), t.http_status);
    const auto body = Body(s);
    EXPECT_EQ(body["type"], "/problems/" + std::string(t.name));
    EXPECT_EQ(body["title"], std::string(t.title));
    EXPECT_EQ(body["status"], t.http_status);
    EXPECT_EQ(FindProblemType(t.name), &t);
  }
  EXPECT_EQ(FindProblemType("about:blank"), nullptr);
}

// Regression (issue 12): statuses without a reason were `about:blank` (membership's 403s).
TEST(ProblemTypesTest, EveryCodeGetsARegisteredTypeWithItsOwnStatus) {
  for (int c = 1; c <= 16; ++c) {
    const absl::Status s(static_cast<absl::StatusCode>(c), "x");
    SCOPED_TRACE(s.ToString());
    const ProblemType& t = ProblemTypeOf(s);
    EXPECT_EQ(t.http_status, HttpStatusFor(s));
    EXPECT_EQ(Body(s)["type"], "/problems/" + std::string(t.name));
  }
  EXPECT_EQ(ProblemTypeOf(absl::PermissionDeniedError("x")).name, "forbidden");
  EXPECT_EQ(ProblemTypeOf(absl::NotFoundError("x")).name, "not_found");
  EXPECT_EQ(ProblemTypeOf(absl::DeadlineExceededError("x")).name, "unavailable");
}

TEST(ProblemTypesTest, AnUnknownOrMismatchedReasonFallsBackToTheCodesType) {
  EXPECT_EQ(ProblemTypeOf(WithDetail(absl::NotFoundError("x"), "no_such_type")).name, "not_found");
  // "malformed" is a 400; on a RESOURCE_EXHAUSTED the answer is a 429 and says so.
  EXPECT_EQ(ProblemTypeOf(WithDetail(absl::ResourceExhaustedError("x"), "malformed")).name,
            "rate_limited");
  // One reason, several codes of one status: a constraint's conflict may be either.
  EXPECT_EQ(ProblemTypeOf(WithDetail(absl::FailedPreconditionError("x"), "conflict")).name,
            "conflict");
  EXPECT_EQ(ProblemTypeOf(WithDetail(absl::AbortedError("x"), "conflict")).name, "conflict");
}

}  // namespace
}  // namespace iris::status
