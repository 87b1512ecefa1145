#include "libs/proto_values/proto_values.hpp"

namespace iris::proto_values {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;

}  // namespace

void ToProto(values::Time in, google::protobuf::Timestamp* out) {
  const int64_t us = in.time_since_epoch().count();
  // Timestamp wants nanos in [0, 1e9) even before 1970, so the division rounds down.
  int64_t seconds = us / kMicrosPerSecond;
  int64_t micros = us % kMicrosPerSecond;
  if (micros < 0) {
    micros += kMicrosPerSecond;
    --seconds;
  }
  out->set_seconds(seconds);
  out->set_nanos(static_cast<int32_t>(micros * 1000));
}

values::Time FromProto(const google::protobuf::Timestamp& in) {
  return values::Time(
      std::chrono::microseconds(in.seconds() * kMicrosPerSecond + in.nanos() / 1000));
}

void ToProto(const values::LocalizedText& in, iris::common::v1::LocalizedText* out) {
  for (const auto& [tag, text] : in) (*out->mutable_values())[tag] = text;
}

values::LocalizedText FromProto(const iris::common::v1::LocalizedText& in) {
  return values::LocalizedText(in.values().begin(), in.values().end());
}

void ToProto(const values::Money& in, iris::common::v1::Money* out) {
  out->set_amount(in.amount);
  out->set_currency(in.currency);
}

values::Money FromProto(const iris::common::v1::Money& in) {
  return values::Money{in.amount(), in.currency()};
}

pagination::PageParams FromProto(const iris::common::v1::PageRequest& in) {
  return {in.limit(), in.cursor(), in.sort(), in.include_total()};
}

}  // namespace iris::proto_values
