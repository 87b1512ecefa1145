// Idempotency-Key through the gateway (issue 14): a retried POST creates one resource, in turn
// and all at once, and what the database holds says so, not only the answers.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using nlohmann::json;

class IdempotencyE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() { StartSystem(); }
  static void TearDownTestSuite() { Stop(); }

  static std::string OrgBody(const std::string& name) {
    return json{{"name", name}, {"country", "ME"}, {"kind", "member_cso"}}.dump();
  }
  // Organisations of that name in the database.
  static int OrgsNamed(const std::string& name) {
    pqxx::connection c(MembershipDatabaseUrl());
    pqxx::nontransaction tx(c);
    return tx.exec_params1("SELECT count(*) FROM membership.organizations WHERE name = $1", name)[0]
        .as<int>();
  }
};

TEST_F(IdempotencyE2eTest, TheSamePostTwiceCreatesOneResourceAndReplaysTheAnswer) {
  const std::string name = "Idem seq " + token_;
  const Headers key = {{"Idempotency-Key", UniqueToken()}};
  auto first = As(admin_, "POST", "/v1/organizations", OrgBody(name), key);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Header("idempotent-replayed"), "");
  auto second = As(admin_, "POST", "/v1/organizations", OrgBody(name), key);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(second.Header("idempotent-replayed"), "true");
  EXPECT_EQ(second.body, first.body);
  EXPECT_EQ(second.Header("location"), first.Header("location"));
  EXPECT_EQ(second.Header("etag"), first.Header("etag"));
  EXPECT_NE(second.Header("x-request-id"), first.Header("x-request-id"));
  EXPECT_EQ(OrgsNamed(name), 1);

  // The key with another body: refused, nothing created.
  auto other = As(admin_, "POST", "/v1/organizations", OrgBody(name + " 2"), key);
  ExpectProblem(other, 422);
  EXPECT_NE(other.body.find("/problems/idempotency_key_reused"), std::string::npos) << other.body;
  EXPECT_EQ(OrgsNamed(name + " 2"), 0);
}

TEST_F(IdempotencyE2eTest, ParallelPostsWithOneKeyCreateExactlyOne) {
  const std::string name = "Idem par " + token_;
  const Headers key = {{"Idempotency-Key", UniqueToken()}};
  std::mutex mu;
  std::map<long, int> statuses;
  std::vector<std::thread> threads;
  for (int i = 0; i < 12; ++i) {
    threads.emplace_back([&] {
      auto r = As(admin_, "POST", "/v1/organizations", OrgBody(name), key);
      std::lock_guard lock(mu);
      ++statuses[r.status];
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(OrgsNamed(name), 1);
  EXPECT_GE(statuses[201], 1);
  EXPECT_EQ(statuses[201] + statuses[409], 12) << "each one created, replayed or told to wait";
  // Once the first is answered, every retry gets its answer.
  auto retry = As(admin_, "POST", "/v1/organizations", OrgBody(name), key);
  EXPECT_EQ(retry.status, 201);
  EXPECT_EQ(retry.Header("idempotent-replayed"), "true");
}

TEST_F(IdempotencyE2eTest, KeysAreTheCallersOwn) {
  const std::string name = "Idem own " + token_;
  const Headers key = {{"Idempotency-Key", UniqueToken()}};
  ASSERT_EQ(As(admin_, "POST", "/v1/organizations", OrgBody(name), key).status, 201);
  const std::string other_admin = SignedIn("network_admin", json::object(), "idem");
  auto theirs = As(other_admin, "POST", "/v1/organizations", OrgBody(name + " b"), key);
  EXPECT_EQ(theirs.status, 201) << theirs.body;
  EXPECT_EQ(theirs.Header("idempotent-replayed"), "");
  EXPECT_EQ(OrgsNamed(name + " b"), 1);
}

TEST_F(IdempotencyE2eTest, AMalformedKeyIs400AndDocumented) {
  auto r = As(admin_, "POST", "/v1/organizations", OrgBody("Idem bad " + token_),
              {{"Idempotency-Key", std::string(300, 'k')}});
  ExpectProblem(r, 400, "Idempotency-Key");
  EXPECT_EQ(OrgsNamed("Idem bad " + token_), 0);
}

}  // namespace
}  // namespace iris::testing
