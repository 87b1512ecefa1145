// API spelling of proto enum values: NETWORK_STATUS_IN_FORMATION <-> "in_formation".
#pragma once

#include <string>
#include <string_view>

#include <google/protobuf/descriptor.h>

namespace iris::json {

// "NetworkStatus" -> "NETWORK_STATUS_": the prefix our proto style puts on every value.
std::string EnumPrefix(const google::protobuf::EnumDescriptor& e);

// The value name without the prefix, lower-cased ("in_formation"). A value that lacks the
// prefix is just lower-cased.
std::string EnumWord(const google::protobuf::EnumValueDescriptor& v);

// The value spelled `word`; nullptr when there is none or it is the *_UNSPECIFIED (0) value,
// which no client may send.
const google::protobuf::EnumValueDescriptor* FindEnumByWord(
    const google::protobuf::EnumDescriptor& e, std::string_view word);

// "active, in_formation": what a client may send, for error messages.
std::string EnumWordList(const google::protobuf::EnumDescriptor& e);

}  // namespace iris::json
