// Implements iris.documents.v1.Campaigns: gRPC <-> use cases, no rules.
#pragma once

#include "iris/documents/v1/documents.grpc.pb.h"
#include "services/documents/app/campaign_use_cases.hpp"

namespace iris::documents::rpc {

class CampaignGrpc final : public v1::Campaigns::Service {
 public:
  explicit CampaignGrpc(app::CampaignUseCases& campaigns) : campaigns_(campaigns) {}

  ::grpc::Status CreateCampaign(::grpc::ServerContext* ctx, const v1::CreateCampaignRequest* req,
                                v1::Campaign* out) override;
  ::grpc::Status GetCampaign(::grpc::ServerContext* ctx, const v1::GetCampaignRequest* req,
                             v1::Campaign* out) override;
  ::grpc::Status UpdateCampaign(::grpc::ServerContext* ctx, const v1::UpdateCampaignRequest* req,
                                v1::Campaign* out) override;
  ::grpc::Status ListCampaigns(::grpc::ServerContext* ctx, const v1::ListCampaignsRequest* req,
                               v1::ListCampaignsResponse* out) override;

 private:
  app::CampaignUseCases& campaigns_;
};

}  // namespace iris::documents::rpc
