#include "services/gateway/http/request_id.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace iris::gateway::http {
namespace {

// Canonical lower-case UUID v4: 8-4-4-4-12 hex digits, version 4, variant 10xx.
bool IsUuidV4(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    const bool hex = (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f');
    if (dash ? s[i] != '-' : !hex) return false;
  }
  return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

TEST(RequestIdTest, NewIdsAreDistinctUuidV4) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    const std::string id = NewRequestId();
    ASSERT_TRUE(IsUuidV4(id)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(RequestIdTest, KeepsAWellFormedClientId) {
  EXPECT_EQ(AcceptOrNewRequestId("abc-123_X.y"), "abc-123_X.y");
  EXPECT_EQ(AcceptOrNewRequestId(std::string(128, 'a')), std::string(128, 'a'));
}

TEST(RequestIdTest, ReplacesMissingOrUnsafeClientIds) {
  for (const std::optional<std::string>& bad :
       {std::optional<std::string>(), std::optional<std::string>(""),
        std::optional<std::string>(std::string(129, 'a')), std::optional<std::string>("a b"),
        std::optional<std::string>("x\r\nSet-Cookie: y"), std::optional<std::string>("id/1"),
        std::optional<std::string>("é")}) {
    const std::string id = AcceptOrNewRequestId(bad);
    EXPECT_TRUE(IsUuidV4(id)) << (bad ? *bad : "<none>") << " -> " << id;
  }
}

}  // namespace
}  // namespace iris::gateway::http
