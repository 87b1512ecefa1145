// Shared values <-> proto: instants (before 1970 too), localized text and money.
#include "libs/proto_values/proto_values.hpp"

#include <gtest/gtest.h>

namespace iris::proto_values {
namespace {

using std::chrono::microseconds;

values::Time At(int64_t us) { return values::Time(microseconds(us)); }

TEST(TimeProtoTest, KeepsMicrosecondsAndNormalisesNanos) {
  google::protobuf::Timestamp ts;
  ToProto(At(1714564800123456), &ts);
  EXPECT_EQ(ts.seconds(), 1714564800);
  EXPECT_EQ(ts.nanos(), 123456000);
  EXPECT_EQ(FromProto(ts), At(1714564800123456));
}

TEST(TimeProtoTest, InstantsBefore1970KeepNanosPositive) {
  google::protobuf::Timestamp ts;
  ToProto(At(-1), &ts);  // one microsecond before the epoch
  EXPECT_EQ(ts.seconds(), -1);
  EXPECT_EQ(ts.nanos(), 999999000);
  EXPECT_EQ(FromProto(ts), At(-1));
}

TEST(TimeProtoTest, DropsNanosBelowAMicrosecond) {
  google::protobuf::Timestamp ts;
  ts.set_seconds(10);
  ts.set_nanos(1999);
  EXPECT_EQ(FromProto(ts), At(10000001));
}

TEST(LocalizedTextProtoTest, RoundTripsEveryLanguage) {
  const values::LocalizedText text{{"en", "Roma"}, {"sr-Latn", "Romi"}, {"sq", "Romët"}};
  iris::common::v1::LocalizedText proto;
  ToProto(text, &proto);
  EXPECT_EQ(proto.values_size(), 3);
  EXPECT_EQ(proto.values().at("sr-Latn"), "Romi");
  EXPECT_EQ(FromProto(proto), text);
  EXPECT_TRUE(FromProto(iris::common::v1::LocalizedText()).empty());
}

TEST(MoneyProtoTest, RoundTripsMinorUnits) {
  const values::Money money{-123456789012, "EUR"};
  iris::common::v1::Money proto;
  ToProto(money, &proto);
  EXPECT_EQ(proto.amount(), -123456789012);
  EXPECT_EQ(proto.currency(), "EUR");
  EXPECT_EQ(FromProto(proto), money);
}

}  // namespace
}  // namespace iris::proto_values
