// The caller's role predicates, which every domain's access rules build on.
#include "libs/identity/caller.hpp"

#include <gtest/gtest.h>

namespace iris::identity {
namespace {

TEST(CallerTest, AnonymousMeansNoSubject) {
  EXPECT_TRUE(Caller{}.anonymous());
  EXPECT_FALSE((Caller{"u1", "partner"}).anonymous());
  // A request id alone does not make a caller known.
  EXPECT_TRUE((Caller{.request_id = "req-1"}).anonymous());
}

TEST(CallerTest, RolePredicatesNeedTheScopeTheRoleActsFor) {
  EXPECT_TRUE((Caller{"u", "network_admin"}).IsNetworkAdmin());
  EXPECT_TRUE((Caller{"u", "national_coordinator", "", "RS"}).IsCoordinator());
  EXPECT_FALSE((Caller{"u", "national_coordinator"}).IsCoordinator());
  EXPECT_TRUE((Caller{"u", "member", "org-a"}).IsMember());
  EXPECT_FALSE((Caller{"u", "member"}).IsMember());
  const Caller reviewer{"u", "reviewer", "org-a", "RS"};
  EXPECT_FALSE(reviewer.IsNetworkAdmin());
  EXPECT_FALSE(reviewer.IsCoordinator());
  EXPECT_FALSE(reviewer.IsMember());
  EXPECT_TRUE(reviewer.HasRole(kReviewer));
}

TEST(CallerTest, KnowsTheFiveRoles) {
  for (auto role : {kNetworkAdmin, kNationalCoordinator, kMember, kReviewer, kPartner}) {
    EXPECT_TRUE(IsRole(role)) << role;
  }
  EXPECT_FALSE(IsRole(""));
  EXPECT_FALSE(IsRole("system"));
  EXPECT_FALSE(IsRole("Network_Admin"));
}

}  // namespace
}  // namespace iris::identity
