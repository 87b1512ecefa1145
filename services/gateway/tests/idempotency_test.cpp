// Idempotency keys against a real Redis (scripts/test.sh's), and without one (served anyway).
#include "services/gateway/middleware/idempotency.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "libs/status/problem.hpp"
#include "libs/status/status.hpp"
#include "tests/support/test_env.hpp"

namespace iris::gateway {
namespace {

class IdempotencyTest : public ::testing::Test {
 protected:
  IdempotencyTest()
      : redis_({.port = std::stoi(iris::testing::RequireEnv("IRIS_TEST_REDIS_PORT")),
                .pool_size = 16}),
        metrics_("idempotency-test"),
        idempotency_(redis_, metrics_,
                     {.keep = std::chrono::seconds(60), .claim = std::chrono::seconds(5)}) {}

  // A POST from `caller` with `key` (none when empty) and `body`.
  http::HttpRequest Post(const std::string& key, const std::string& body = R"({"name":"a"})",
                         const std::string& path = "/v1/organizations") {
    http::HttpRequest r;
    r.method = "POST";
    r.path = path;
    r.body = body;
    r.remote_address = "192.0.2.7";
    if (!key.empty()) r.headers.push_back({"idempotency-key", key});
    return r;
  }
  static identity::Caller User(const std::string& id) {
    identity::Caller c;
    c.subject = id;
    c.role = "network_admin";
    return c;
  }
  static http::HttpResponse Created(const std::string& id) {
    http::HttpResponse r;
    r.status = 201;
    r.headers = {{"Content-Type", "application/json"}, {"Location", "/v1/organizations/" + id}};
    r.body = R"({"id":")" + id + R"("})";
    return r;
  }

  iris::redis::Redis redis_;
  iris::metrics::Metrics metrics_;
  Idempotency idempotency_;
  // UniqueName has a space, which no key may hold.
  const std::string key_ = "key-" + iris::testing::UniqueName("").substr(1);
  const identity::Caller alice_ = User("11111111-1111-4111-8111-111111111111");
};

TEST_F(IdempotencyTest, WithoutAKeyNothingIsClaimed) {
  auto claim = idempotency_.Begin(Post(""), alice_);
  ASSERT_TRUE(claim.ok());
  EXPECT_TRUE(claim->record.empty());
  EXPECT_FALSE(claim->replay);
}

TEST_F(IdempotencyTest, MalformedKeysAre400) {
  for (const std::string& bad : {std::string(256, 'k'), std::string("with space"),
                                 std::string("tab\tkey"), std::string("\xC3\xA9t\xC3\xA9")}) {
    auto claim = idempotency_.Begin(Post(bad), alice_);
    EXPECT_EQ(status::HttpStatusFor(claim.status()), 400) << bad;
    EXPECT_EQ(status::DetailOf(claim.status()).errors(0).field(), "Idempotency-Key");
  }
  EXPECT_TRUE(idempotency_.Begin(Post(std::string(255, 'k')), alice_).ok());
}

TEST_F(IdempotencyTest, TheSameRequestAgainGetsTheFirstAnswer) {
  auto first = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->record.empty());
  // While the first is served, a retry is told to come back.
  auto during = idempotency_.Begin(Post(key_), alice_);
  EXPECT_EQ(status::HttpStatusFor(during.status()), 409);
  EXPECT_EQ(status::DetailOf(during.status()).reason(), "idempotency_in_flight");
  idempotency_.Finish(*first, Created("o-1"));

  auto again = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(again->replay);
  EXPECT_EQ(again->replay->status, 201);
  EXPECT_EQ(again->replay->body, R"({"id":"o-1"})");
  bool replayed = false, location = false;
  for (const auto& h : again->replay->headers) {
    replayed = replayed || (h.name == "Idempotent-Replayed" && h.value == "true");
    location = location || (h.name == "Location" && h.value == "/v1/organizations/o-1");
  }
  EXPECT_TRUE(replayed);
  EXPECT_TRUE(location);
}

TEST_F(IdempotencyTest, TheKeyWithAnotherRequestIs422) {
  auto first = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(first.ok());
  // Different body, path or query: another request, in flight or answered.
  auto other_body = idempotency_.Begin(Post(key_, R"({"name":"b"})"), alice_);
  EXPECT_EQ(status::HttpStatusFor(other_body.status()), 422);
  EXPECT_EQ(status::DetailOf(other_body.status()).reason(), "idempotency_key_reused");
  idempotency_.Finish(*first, Created("o-2"));
  auto other_path = idempotency_.Begin(Post(key_, R"({"name":"a"})", "/v1/people"), alice_);
  EXPECT_EQ(status::HttpStatusFor(other_path.status()), 422);
  auto other_query = Post(key_);
  other_query.query = {{"dry", "1"}};
  EXPECT_EQ(status::HttpStatusFor(idempotency_.Begin(other_query, alice_).status()), 422);
}

TEST_F(IdempotencyTest, ServerErrorsAreNotKept) {
  auto first = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(first.ok());
  http::HttpResponse failed;
  failed.status = 503;
  idempotency_.Finish(*first, failed);
  auto retry = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(retry.ok());
  EXPECT_FALSE(retry->replay) << "a retry after a 5xx does the work";
  EXPECT_FALSE(retry->record.empty());
}

TEST_F(IdempotencyTest, ClientErrorsAreKeptLikeAnyAnswer) {
  auto first = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(first.ok());
  http::HttpResponse refused;
  refused.status = 422;
  refused.body = R"({"type":"/problems/validation"})";
  idempotency_.Finish(*first, refused);
  auto retry = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(retry.ok());
  ASSERT_TRUE(retry->replay);
  EXPECT_EQ(retry->replay->status, 422);
}

TEST_F(IdempotencyTest, AnswersThatDependOnTheMomentAreNotKept) {
  for (int status : {401, 403, 409, 412, 429, 500, 503}) {
    const std::string key = key_ + "-" + std::to_string(status);
    auto first = idempotency_.Begin(Post(key), alice_);
    ASSERT_TRUE(first.ok());
    http::HttpResponse r;
    r.status = status;
    idempotency_.Finish(*first, r);
    auto retry = idempotency_.Begin(Post(key), alice_);
    ASSERT_TRUE(retry.ok()) << status;
    EXPECT_FALSE(retry->replay) << status << " must be served anew";
  }
}

TEST_F(IdempotencyTest, IfMatchAndTheExactQueryArePartOfTheRequest) {
  auto first = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(first.ok());
  idempotency_.Finish(*first, Created("o-4"));
  auto other_version = Post(key_);
  other_version.headers.push_back({"if-match", "\"7\""});
  EXPECT_EQ(status::HttpStatusFor(idempotency_.Begin(other_version, alice_).status()), 422);
  // ?a=b%26c=d and ?a=b&c=d decode to texts that once joined alike.
  auto one = Post(key_ + "-q");
  one.query = {{"a", "b&c=d"}};
  auto claimed = idempotency_.Begin(one, alice_);
  ASSERT_TRUE(claimed.ok());
  idempotency_.Finish(*claimed, Created("o-5"));
  auto two = Post(key_ + "-q");
  two.query = {{"a", "b"}, {"c", "d"}};
  EXPECT_EQ(status::HttpStatusFor(idempotency_.Begin(two, alice_).status()), 422);
}

// A claim that outlived its lifetime (a very slow handler) must not overwrite or free the
// claim of the request that took the key after it.
TEST_F(IdempotencyTest, AnExpiredClaimCannotTouchTheNextOnesRecord) {
  Idempotency short_claims(redis_, metrics_,
                           {.keep = std::chrono::seconds(60), .claim = std::chrono::seconds(1)});
  auto slow = short_claims.Begin(Post(key_), alice_);
  ASSERT_TRUE(slow.ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  auto next = short_claims.Begin(Post(key_), alice_);
  ASSERT_TRUE(next.ok());
  ASSERT_FALSE(next->record.empty());
  short_claims.Finish(*slow, Created("late"));
  auto during = short_claims.Begin(Post(key_), alice_);
  EXPECT_EQ(status::HttpStatusFor(during.status()), 409) << "still the next one's claim";
  short_claims.Release(*slow);
  EXPECT_EQ(status::HttpStatusFor(short_claims.Begin(Post(key_), alice_).status()), 409);
  short_claims.Finish(*next, Created("next"));
  auto replay = short_claims.Begin(Post(key_), alice_);
  ASSERT_TRUE(replay.ok());
  ASSERT_TRUE(replay->replay);
  EXPECT_EQ(replay->replay->body, R"({"id":"next"})");
}

TEST_F(IdempotencyTest, KeysBelongToTheirCaller) {
  auto first = idempotency_.Begin(Post(key_), alice_);
  ASSERT_TRUE(first.ok());
  idempotency_.Finish(*first, Created("o-3"));
  auto bob = idempotency_.Begin(Post(key_), User("22222222-2222-4222-8222-222222222222"));
  ASSERT_TRUE(bob.ok());
  EXPECT_FALSE(bob->replay) << "another caller's key never replays";
  EXPECT_FALSE(bob->record.empty());
  auto anonymous = idempotency_.Begin(Post(key_), identity::Caller());
  ASSERT_TRUE(anonymous.ok());
  EXPECT_FALSE(anonymous->replay);
}

TEST_F(IdempotencyTest, ConcurrentRequestsWithOneKeyClaimItOnce) {
  std::atomic<int> claimed{0}, in_flight{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      auto c = idempotency_.Begin(Post(key_), alice_);
      if (c.ok() && !c->record.empty()) ++claimed;
      if (!c.ok() && status::HttpStatusFor(c.status()) == 409) ++in_flight;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(claimed.load(), 1);
  EXPECT_EQ(in_flight.load(), 15);
}

TEST(IdempotencyDownTest, WithoutRedisRequestsAreServedAndCounted) {
  iris::redis::Redis redis(iris::redis::RedisConfig{.port = iris::testing::FreePort()});
  iris::metrics::Metrics metrics("idempotency-down-test");
  Idempotency idempotency(redis, metrics);
  http::HttpRequest r;
  r.method = "POST";
  r.path = "/v1/organizations";
  r.headers = {{"idempotency-key", "k-1"}};
  for (int i = 0; i < 2; ++i) {
    auto claim = idempotency.Begin(r, identity::Caller());
    ASSERT_TRUE(claim.ok());
    EXPECT_TRUE(claim->record.empty()) << "served without protection";
    idempotency.Finish(*claim, http::HttpResponse{});
  }
  EXPECT_EQ(metrics.Counter("iris_idempotency_unavailable_total", "", {}).Value(), 2);
}

}  // namespace
}  // namespace iris::gateway
