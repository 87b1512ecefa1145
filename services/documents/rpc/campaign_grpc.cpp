#include "services/documents/rpc/campaign_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/documents/rpc/campaign_mapping.hpp"

namespace iris::documents::rpc {

using proto_values::Strings;

::grpc::Status CampaignGrpc::CreateCampaign(::grpc::ServerContext* ctx,
                                            const v1::CreateCampaignRequest* req,
                                            v1::Campaign* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto c, campaigns_.Create(caller, CampaignPatchFromProto(req->campaign(), req->fields())));
    ToProto(c, out);
    return absl::OkStatus();
  });
}

::grpc::Status CampaignGrpc::GetCampaign(::grpc::ServerContext* ctx,
                                         const v1::GetCampaignRequest* req, v1::Campaign* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto c, campaigns_.Get(caller, req->id()));
    ToProto(c, out);
    return absl::OkStatus();
  });
}

::grpc::Status CampaignGrpc::UpdateCampaign(::grpc::ServerContext* ctx,
                                            const v1::UpdateCampaignRequest* req,
                                            v1::Campaign* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto c,
        campaigns_.Update(caller, req->id(), CampaignPatchFromProto(req->campaign(), req->fields()),
                          req->expected_version()));
    ToProto(c, out);
    return absl::OkStatus();
  });
}

::grpc::Status CampaignGrpc::ListCampaigns(::grpc::ServerContext* ctx,
                                           const v1::ListCampaignsRequest* req,
                                           v1::ListCampaignsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::CampaignListRequest list{.scope = Strings(req->scope()),
                                  .country = Strings(req->country()),
                                  .page = proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, campaigns_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

}  // namespace iris::documents::rpc
