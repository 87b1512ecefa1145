#include "libs/grpc/dependency_failure.hpp"

#include <string>

#include "libs/log/log.hpp"
#include "libs/status/status.hpp"

namespace iris::grpc {

absl::Status DependencyFailure(std::string_view service, const ::grpc::Status& s,
                               std::string_view what) {
  const std::string name(service);
  switch (s.error_code()) {
    case ::grpc::StatusCode::DEADLINE_EXCEEDED:
    case ::grpc::StatusCode::UNAVAILABLE:
    case ::grpc::StatusCode::RESOURCE_EXHAUSTED:
    case ::grpc::StatusCode::CANCELLED:
    case ::grpc::StatusCode::ABORTED:
      // With its problem detail, so the gateway passes these words on (clients/upstream.hpp).
      return status::WithDetail(
          absl::UnavailableError(name + " did not answer (" + std::string(what) +
                                 "); nothing was changed, retry later"),
          "unavailable");
    default:
      iris::log::Error(name + " refused a lookup", {{"what", std::string(what)},
                                                    {"code", static_cast<int>(s.error_code())},
                                                    {"error", s.error_message()}});
      return status::WithDetail(
          absl::UnavailableError(name + " could not answer a lookup of " + std::string(what) +
                                 "; nothing was changed, retry later"),
          "unavailable");
  }
}

}  // namespace iris::grpc
