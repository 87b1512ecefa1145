#include "services/grants/rpc/call_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/grants/rpc/call_mapping.hpp"

namespace iris::grants::rpc {

::grpc::Status CallGrpc::CreateCall(::grpc::ServerContext* ctx, const v1::CreateCallRequest* req,
                                    v1::GrantCall* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto call,
                          calls_.Create(caller, CallPatchFromProto(req->call(), req->fields())));
    ToProto(call, out);
    return absl::OkStatus();
  });
}

::grpc::Status CallGrpc::GetCall(::grpc::ServerContext* ctx, const v1::GetCallRequest* req,
                                 v1::GrantCall* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto call, calls_.Get(caller, req->id()));
    ToProto(call, out);
    return absl::OkStatus();
  });
}

::grpc::Status CallGrpc::UpdateCall(::grpc::ServerContext* ctx, const v1::UpdateCallRequest* req,
                                    v1::GrantCall* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto call, calls_.Update(caller, req->id(), CallPatchFromProto(req->call(), req->fields()),
                                 req->expected_version()));
    ToProto(call, out);
    return absl::OkStatus();
  });
}

::grpc::Status CallGrpc::ListCalls(::grpc::ServerContext* ctx, const v1::ListCallsRequest* req,
                                   v1::ListCallsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    using proto_values::Strings;
    app::CallListRequest list{Strings(req->status()), Strings(req->country()),
                              proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, calls_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status CallGrpc::Act(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                             domain::CallVerb verb, v1::GrantCall* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto call, calls_.Act(caller, req->id(), verb, req->note(), req->expected_version()));
    ToProto(call, out);
    return absl::OkStatus();
  });
}

::grpc::Status CallGrpc::OpenCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                                  v1::GrantCall* out) {
  return Act(ctx, req, domain::CallVerb::kOpen, out);
}

::grpc::Status CallGrpc::CloseCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                                   v1::GrantCall* out) {
  return Act(ctx, req, domain::CallVerb::kClose, out);
}

::grpc::Status CallGrpc::FinalizeCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                                      v1::GrantCall* out) {
  return Act(ctx, req, domain::CallVerb::kFinalize, out);
}

::grpc::Status CallGrpc::ArchiveCall(::grpc::ServerContext* ctx, const v1::CallActionRequest* req,
                                     v1::GrantCall* out) {
  return Act(ctx, req, domain::CallVerb::kArchive, out);
}

}  // namespace iris::grants::rpc
