// The shared value types (libs/values) <-> their proto messages, for every rpc/*_mapping.cpp.
// Mapping files bring these into their namespace with `using iris::proto_values::ToProto;`
// (and FromProto) so one unqualified ToProto(...) covers domain and shared values alike.
#pragma once

#include <string>
#include <vector>

#include <google/protobuf/timestamp.pb.h>

#include "iris/common/v1/common.pb.h"
#include "libs/pagination/keyset.hpp"
#include "libs/values/types.hpp"

namespace iris::proto_values {

void ToProto(values::Time in, google::protobuf::Timestamp* out);
// Nanoseconds below a microsecond are dropped (rounded towards the past).
values::Time FromProto(const google::protobuf::Timestamp& in);

// Adds the texts to `out` (a tag already there is replaced).
void ToProto(const values::LocalizedText& in, iris::common::v1::LocalizedText* out);
values::LocalizedText FromProto(const iris::common::v1::LocalizedText& in);

void ToProto(const values::Money& in, iris::common::v1::Money* out);
values::Money FromProto(const iris::common::v1::Money& in);

// A list request's page as the use cases take it (checked by pagination::KeysetRequestOf).
pagination::PageParams FromProto(const iris::common::v1::PageRequest& in);

// A repeated string field (a filter's values) as a vector.
template <typename Repeated>
std::vector<std::string> Strings(const Repeated& in) {
  return {in.begin(), in.end()};
}

}  // namespace iris::proto_values
