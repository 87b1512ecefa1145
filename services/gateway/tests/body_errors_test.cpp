// What the client gets when the gateway found field errors and the service dry-ran the rest.
#include "services/gateway/routes/body_errors.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/status/problem_types.hpp"
#include "libs/status/status.hpp"
#include "libs/status/testing/field_errors.hpp"

namespace iris::gateway {
namespace {

using status::testing::FieldsOf;

status::Validator Found(std::initializer_list<const char*> fields) {
  status::Validator v;
  for (const char* f : fields) v.Add(f, "must be a string");
  return v;
}

TEST(BodyErrorsTest, PathsOverlapWhenEqualInsideOrContaining) {
  EXPECT_TRUE(FieldPathsOverlap("name", "name"));
  EXPECT_TRUE(FieldPathsOverlap("name.sr", "name"));
  EXPECT_TRUE(FieldPathsOverlap("target_groups", "target_groups[2]"));
  EXPECT_FALSE(FieldPathsOverlap("name", "names"));
  EXPECT_FALSE(FieldPathsOverlap("organization.name", "name"));
  EXPECT_FALSE(FieldPathsOverlap("target_groups[1]", "target_groups[2]"));
}

TEST(BodyErrorsTest, RuleErrorsJoinExceptOnFieldsAlreadyNamed) {
  const auto rules = status::Invalid(
      {{"name", "is required"}, {"website", "must be an https URL"}, {"kind.x", "?"}});
  const auto s = WithRuleErrors(Found({"kind", "name"}), rules);
  EXPECT_EQ(status::ProblemTypeOf(s).name, "validation");
  EXPECT_EQ(FieldsOf(s), (std::vector<std::string>{"kind", "name", "website"}));
}

TEST(BodyErrorsTest, WhoWhatAndWhichVersionWin) {
  for (const auto& decided :
       {absl::UnauthenticatedError("x"), absl::PermissionDeniedError("x"), absl::NotFoundError("x"),
        status::CheckVersion("organization", 3, 2)}) {
    EXPECT_EQ(WithRuleErrors(Found({"kind"}), decided), decided);
  }
}

TEST(BodyErrorsTest, APassedDryRunAConflictOrAnOutageLeaveTheFoundErrors) {
  for (const auto& other : {status::DryRunPassed(), absl::UnavailableError("down"),
                            status::Conflict("duplicate", "taken"), absl::OkStatus()}) {
    const auto s = WithRuleErrors(Found({"kind", "acronym"}), other);
    EXPECT_EQ(status::ProblemTypeOf(s).name, "validation");
    EXPECT_EQ(FieldsOf(s), (std::vector<std::string>{"kind", "acronym"}));
  }
}

TEST(BodyErrorsTest, TheJoinedListKeepsTheCapAndCountsTheRest) {
  status::Validator found;
  for (size_t i = 0; i < status::kMaxErrors; ++i) found.Add("f" + std::to_string(i), "bad");
  const auto s = WithRuleErrors(found, status::Invalid({{"other", "bad"}, {"more", "bad"}}));
  EXPECT_EQ(status::DetailOf(s).errors_size(), static_cast<int>(status::kMaxErrors));
  EXPECT_EQ(status::DetailOf(s).omitted_errors(), 2);
}

}  // namespace
}  // namespace iris::gateway
