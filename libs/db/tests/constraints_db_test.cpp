// Violations of real constraints: what the pool reports and how a use case's rules explain them.
#include "libs/db/constraints.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include <pqxx/connection>
#include <pqxx/nontransaction>

#include "libs/db/pool.hpp"
#include "libs/db/testing/scratch_schema.hpp"
#include "libs/status/status.hpp"

namespace iris::db {
namespace {

constexpr ConstraintRule kRules[] = {
    {"items_email_check", "email", "must not be empty"},
    {.constraint = "items_email_key",
     .field = "email",
     .message = "an item with this email exists",
     .conflict = "email_taken"},
};

class ConstraintsDbTest : public ::testing::Test {
 protected:
  ConstraintsDbTest()
      : schema_("t_constraints"),
        insert_("INSERT INTO " + schema_.name() +
                ".items (id, email, parent) VALUES ($1, $2, $3::int)"),
        statements_{{"insert_item", insert_.c_str()}} {
    pqxx::connection conn(schema_.OwnerUrl());
    pqxx::nontransaction tx(conn);
    tx.exec("CREATE TABLE " + schema_.name() + ".parents (id int PRIMARY KEY)");
    tx.exec("CREATE TABLE " + schema_.name() +
            ".items (id int PRIMARY KEY, email text NOT NULL UNIQUE CHECK (email <> ''), "
            "parent int REFERENCES " +
            schema_.name() + ".parents (id))");
  }

  absl::Status Insert(int id, const std::string& email, std::optional<int> parent = {}) {
    return pool_.Write([&](Tx& tx) -> absl::Status {
      tx.Exec(statements_[0], id, email, parent);
      return absl::OkStatus();
    });
  }

  testing::ScratchSchema schema_;
  std::string insert_;
  std::vector<Statement> statements_;
  Pool pool_{PoolConfig{.url = schema_.OwnerUrl(), .size = 2}, statements_};
};

TEST_F(ConstraintsDbTest, AViolationNamesItsConstraintToUsButNotToTheClient) {
  ASSERT_TRUE(Insert(1, "a@example.org").ok());
  const absl::Status s = Insert(1, "b@example.org");
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(status::DetailOf(s).reason(), "conflict");
  EXPECT_EQ(std::string(s.message()).find("items"), std::string::npos) << s;
  const auto violation = ViolationOf(s);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->kind, ConstraintKind::kUnique);
  EXPECT_EQ(violation->constraint, "items_pkey");
}

TEST_F(ConstraintsDbTest, ARuleTurnsACheckViolationIntoAnErrorOnItsField) {
  const absl::Status s = ExplainViolation(Insert(1, ""), kRules);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  const auto detail = status::DetailOf(s);
  EXPECT_EQ(detail.reason(), "validation");
  ASSERT_EQ(detail.errors_size(), 1);
  EXPECT_EQ(detail.errors(0).field(), "email");
  EXPECT_EQ(detail.errors(0).message(), "must not be empty");
}

TEST_F(ConstraintsDbTest, AConflictRuleGivesItsProblemTypeAndKeepsTheCode) {
  ASSERT_TRUE(Insert(1, "a@example.org").ok());
  const absl::Status s = ExplainViolation(Insert(2, "a@example.org"), kRules);
  EXPECT_EQ(s.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(std::string(s.message()), "an item with this email exists");
  const auto detail = status::DetailOf(s);
  EXPECT_EQ(detail.reason(), "email_taken");
  ASSERT_EQ(detail.errors_size(), 1);
  EXPECT_EQ(detail.errors(0).field(), "email");
}

TEST_F(ConstraintsDbTest, AViolationNoRuleNamesStaysAGenericConflictWithoutAField) {
  const absl::Status s = ExplainViolation(Insert(1, "a@example.org", 42), kRules);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  const auto detail = status::DetailOf(s);
  EXPECT_EQ(detail.reason(), "conflict");
  EXPECT_EQ(detail.errors_size(), 0);
  EXPECT_EQ(std::string(s.message()).find("parent"), std::string::npos) << s;
  const auto violation = ViolationOf(s);
  ASSERT_TRUE(violation.has_value());
  EXPECT_EQ(violation->kind, ConstraintKind::kForeignKey);
  EXPECT_EQ(violation->constraint, "items_parent_fkey");
}

TEST_F(ConstraintsDbTest, OtherOutcomesPassThroughUnchanged) {
  const absl::Status not_found = absl::NotFoundError("no such item");
  EXPECT_EQ(ExplainViolation(not_found, kRules), not_found);
  EXPECT_FALSE(ViolationOf(not_found).has_value());
  EXPECT_TRUE(ExplainViolation(Insert(1, "a@example.org"), kRules).ok());
  const absl::StatusOr<int> value = ExplainViolation(absl::StatusOr<int>(7), kRules);
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(*value, 7);
}

}  // namespace
}  // namespace iris::db
