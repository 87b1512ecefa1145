// Implements iris.membership.v1.Membership, which serves only reference data (countries, target
// groups, languages, national networks): gRPC <-> reference use cases, no rules.
#pragma once

#include "iris/membership/v1/membership.grpc.pb.h"
#include "services/membership/app/reference_use_cases.hpp"

namespace iris::membership::rpc {

class ReferenceGrpc final : public v1::Membership::Service {
 public:
  explicit ReferenceGrpc(app::ReferenceUseCases& reference) : reference_(reference) {}

  ::grpc::Status ListCountries(::grpc::ServerContext* ctx, const v1::ListCountriesRequest* req,
                               v1::ListCountriesResponse* out) override;
  ::grpc::Status ListTargetGroups(::grpc::ServerContext* ctx,
                                  const v1::ListTargetGroupsRequest* req,
                                  v1::ListTargetGroupsResponse* out) override;
  ::grpc::Status ListLanguages(::grpc::ServerContext* ctx, const v1::ListLanguagesRequest* req,
                               v1::ListLanguagesResponse* out) override;
  ::grpc::Status ListNetworks(::grpc::ServerContext* ctx, const v1::ListNetworksRequest* req,
                              v1::ListNetworksResponse* out) override;
  ::grpc::Status GetNetwork(::grpc::ServerContext* ctx, const v1::GetNetworkRequest* req,
                            v1::Network* out) override;

 private:
  app::ReferenceUseCases& reference_;
};

}  // namespace iris::membership::rpc
