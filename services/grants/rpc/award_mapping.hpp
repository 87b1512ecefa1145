// Grants, tranches and reports: domain <-> proto.
#pragma once

#include <google/protobuf/field_mask.pb.h>

#include "iris/grants/v1/awards.pb.h"
#include "services/grants/domain/report.hpp"
#include "services/grants/domain/tranche.hpp"

namespace iris::grants::rpc {

void ToProto(const domain::Grant& in, v1::Grant* out);
void ToProto(const domain::Tranche& in, v1::Tranche* out);
void ToProto(const domain::Report& in, v1::GrantReport* out);

// What a client sent, as the rules see it: top-level fields named in `fields` (or, without a
// mask, holding a value; read-only ones holding a value count as sent so they are refused).
domain::AwardInput AwardInputFromProto(const v1::Grant& in,
                                       const google::protobuf::FieldMask& fields);
domain::TrancheInput TrancheInputFromProto(const v1::Tranche& in,
                                           const google::protobuf::FieldMask& fields);
domain::ReportInput ReportInputFromProto(const v1::GrantReport& in,
                                         const google::protobuf::FieldMask& fields);

}  // namespace iris::grants::rpc
