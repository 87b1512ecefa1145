// Documents, versions and facets: domain <-> proto.
#pragma once

#include <vector>

#include <google/protobuf/field_mask.pb.h>

#include "iris/documents/v1/documents.pb.h"
#include "libs/identity/caller.hpp"
#include "services/documents/domain/document.hpp"
#include "services/documents/domain/version.hpp"
#include "services/documents/storage/document_repository.hpp"

namespace iris::documents::rpc {

// current_version as `caller` sees it (domain::CurrentVersionFor).
void ToProto(const domain::Document& in, const identity::Caller& caller, v1::Document* out);
// sealed from the document the version belongs to.
void ToProto(const domain::Version& in, const domain::Document& of, v1::Version* out);
void ToProto(const std::vector<storage::FacetCount>& in, v1::Facets* out);

// The fields named in `fields` (or, with an empty mask, every field holding a value),
// read-only and unknown names included so the rules can refuse them by name.
domain::DocumentPatch DocumentPatchFromProto(const v1::Document& in,
                                             const google::protobuf::FieldMask& fields);

}  // namespace iris::documents::rpc
