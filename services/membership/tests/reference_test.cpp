#include "services/membership/domain/reference.hpp"

#include <gtest/gtest.h>

namespace iris::membership::domain {
namespace {

TEST(ReferenceTest, CountryCodesAreTwoUpperCaseLetters) {
  EXPECT_TRUE(IsCountryCode("RS"));
  EXPECT_TRUE(IsCountryCode("XK"));
  EXPECT_FALSE(IsCountryCode("rs"));
  EXPECT_FALSE(IsCountryCode("SRB"));
  EXPECT_FALSE(IsCountryCode(""));
  EXPECT_FALSE(IsCountryCode("R1"));
}

TEST(ReferenceTest, ParsesNetworkStatusesOfTheSchema) {
  EXPECT_EQ(ParseNetworkStatus("active"), NetworkStatus::kActive);
  EXPECT_EQ(ParseNetworkStatus("in_formation"), NetworkStatus::kInFormation);
  EXPECT_FALSE(ParseNetworkStatus("Active").has_value());
}

}  // namespace
}  // namespace iris::membership::domain
