#include "services/membership/rpc/social_service_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/reference_mapping.hpp"
#include "services/membership/rpc/social_service_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status SocialServiceGrpc::CreateSocialService(::grpc::ServerContext* ctx,
                                                      const v1::CreateSocialServiceRequest* req,
                                                      v1::SocialService* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto s, services_.Create(caller, req->organization_id(),
                                 ServicePatchFromProto(req->social_service(), req->fields())));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status SocialServiceGrpc::GetSocialService(::grpc::ServerContext* ctx,
                                                   const v1::GetSocialServiceRequest* req,
                                                   v1::SocialService* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto s, services_.Get(caller, req->organization_id(), req->id()));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status SocialServiceGrpc::UpdateSocialService(::grpc::ServerContext* ctx,
                                                      const v1::UpdateSocialServiceRequest* req,
                                                      v1::SocialService* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto s, services_.Update(caller, req->organization_id(), req->id(),
                                 ServicePatchFromProto(req->social_service(), req->fields()),
                                 req->expected_version()));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status SocialServiceGrpc::DeleteSocialService(::grpc::ServerContext* ctx,
                                                      const v1::DeleteSocialServiceRequest* req,
                                                      v1::DeleteSocialServiceResponse*) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    return services_.Delete(caller, req->organization_id(), req->id(), req->expected_version());
  });
}

::grpc::Status SocialServiceGrpc::ListSocialServices(::grpc::ServerContext* ctx,
                                                     const v1::ListSocialServicesRequest* req,
                                                     v1::ListSocialServicesResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    using proto_values::Strings;
    app::SocialServiceListRequest list{req->organization_id(),
                                       Strings(req->country()),
                                       Strings(req->target_group()),
                                       Strings(req->category()),
                                       Strings(req->licensing_status()),
                                       req->licence_expires_before(),
                                       proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, services_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status SocialServiceGrpc::ListServiceCategories(::grpc::ServerContext* ctx,
                                                        const v1::ListServiceCategoriesRequest*,
                                                        v1::ListServiceCategoriesResponse* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto categories, services_.Categories());
    for (const auto& c : categories) {
      auto* item = out->add_items();
      item->set_code(c.code);
      ToProto(c.name, item->mutable_name());
    }
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
