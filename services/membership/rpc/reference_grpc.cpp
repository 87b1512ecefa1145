#include "services/membership/rpc/reference_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {
namespace {

// Lists of reference data share one shape: call the use case, map every item.
template <typename Items, typename Response>
absl::Status FillList(absl::StatusOr<Items> items, Response* out) {
  IRIS_RETURN_IF_ERROR(items.status());
  for (const auto& item : *items) ToProto(item, out->add_items());
  return absl::OkStatus();
}

}  // namespace

::grpc::Status ReferenceGrpc::ListCountries(::grpc::ServerContext* ctx,
                                            const v1::ListCountriesRequest*,
                                            v1::ListCountriesResponse* out) {
  return iris::grpc::Answer(*ctx, [&] { return FillList(reference_.Countries(), out); });
}

::grpc::Status ReferenceGrpc::ListTargetGroups(::grpc::ServerContext* ctx,
                                               const v1::ListTargetGroupsRequest*,
                                               v1::ListTargetGroupsResponse* out) {
  return iris::grpc::Answer(*ctx, [&] { return FillList(reference_.TargetGroups(), out); });
}

::grpc::Status ReferenceGrpc::ListLanguages(::grpc::ServerContext* ctx,
                                            const v1::ListLanguagesRequest*,
                                            v1::ListLanguagesResponse* out) {
  return iris::grpc::Answer(*ctx, [&] { return FillList(reference_.Languages(), out); });
}

::grpc::Status ReferenceGrpc::ListNetworks(::grpc::ServerContext* ctx,
                                           const v1::ListNetworksRequest*,
                                           v1::ListNetworksResponse* out) {
  return iris::grpc::Answer(*ctx, [&] { return FillList(reference_.Networks(), out); });
}

::grpc::Status ReferenceGrpc::GetNetwork(::grpc::ServerContext* ctx,
                                         const v1::GetNetworkRequest* req, v1::Network* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto network, reference_.Network(req->country()));
    ToProto(network, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
