#include "libs/status/grpc_status.hpp"

#include "absl/strings/cord.h"
#include "libs/status/status.hpp"

namespace iris::status {

::grpc::Status ToGrpc(const absl::Status& status) {
  if (status.ok()) return ::grpc::Status::OK;
  std::string details;
  if (auto payload = status.GetPayload(kDetailUrl)) details = std::string(*payload);
  // absl and grpc share the canonical code numbering.
  return ::grpc::Status(static_cast<::grpc::StatusCode>(status.code()),
                        std::string(status.message()), details);
}

absl::Status FromGrpc(const ::grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status out(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  if (!status.error_details().empty()) {
    out.SetPayload(kDetailUrl, absl::Cord(status.error_details()));
  }
  return out;
}

}  // namespace iris::status
