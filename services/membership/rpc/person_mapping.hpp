// People: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/membership/v1/people.pb.h"
#include "services/membership/app/person_use_cases.hpp"
#include "services/membership/domain/person.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::Person& in, v1::Person* out);
void ToProto(const app::PersonExport& in, v1::PersonExport* out);

// The fields named in `fields` (or, with an empty mask, every field holding a non-default
// value); read-only fields holding a value count as sent so the rules refuse them by name.
domain::PersonPatch PatchFromProto(const v1::Person& in, const google::protobuf::FieldMask& fields);

}  // namespace iris::membership::rpc
