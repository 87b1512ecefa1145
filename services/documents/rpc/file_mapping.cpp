#include "services/documents/rpc/file_mapping.hpp"

#include "libs/proto_values/proto_values.hpp"

namespace iris::documents::rpc {

void ToProto(const domain::File& in, v1::File* out) {
  out->set_name(in.name);
  out->set_position(in.position);
  out->set_role(in.position == 1 ? v1::FILE_ROLE_MAIN : v1::FILE_ROLE_ANNEX);
  out->set_size(in.size);
  out->set_media_type(in.media_type);
  out->set_sha256(in.sha256);
  proto_values::ToProto(in.uploaded_at, out->mutable_uploaded_at());
}

}  // namespace iris::documents::rpc
