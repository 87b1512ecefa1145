#include "services/grants/rpc/award_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/grants/rpc/award_mapping.hpp"

namespace iris::grants::rpc {
namespace {

// The answer of a call returning one resource: `act()` gives it, ToProto fills `out`.
template <typename Out, typename Act>
::grpc::Status One(::grpc::ServerContext* ctx, Out* out, Act&& act) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto item, act(caller));
    ToProto(item, out);
    return absl::OkStatus();
  });
}

}  // namespace

::grpc::Status AwardGrpc::AwardApplication(::grpc::ServerContext* ctx,
                                           const v1::AwardApplicationRequest* req, v1::Grant* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return awards_.Award(caller, req->application_id(),
                         AwardInputFromProto(req->grant(), req->fields()), req->expected_version());
  });
}

::grpc::Status AwardGrpc::GetGrant(::grpc::ServerContext* ctx, const v1::GetGrantRequest* req,
                                   v1::Grant* out) {
  return One(ctx, out, [&](const identity::Caller&) { return awards_.Get(req->id()); });
}

::grpc::Status AwardGrpc::ListGrants(::grpc::ServerContext* ctx, const v1::ListGrantsRequest* req,
                                     v1::ListGrantsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller&) -> absl::Status {
    app::GrantListRequest list{
        proto_values::Strings(req->call_id()), proto_values::Strings(req->organization_id()),
        proto_values::Strings(req->country()), proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, awards_.List(list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status AwardGrpc::CreateTranche(::grpc::ServerContext* ctx,
                                        const v1::CreateTrancheRequest* req, v1::Tranche* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return tranches_.Create(caller, req->grant_id(),
                            TrancheInputFromProto(req->tranche(), req->fields()));
  });
}

::grpc::Status AwardGrpc::ListTranches(::grpc::ServerContext* ctx,
                                       const v1::ListTranchesRequest* req,
                                       v1::ListTranchesResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto items, tranches_.List(caller, req->grant_id()));
    for (const auto& t : items) ToProto(t, out->add_items());
    return absl::OkStatus();
  });
}

::grpc::Status AwardGrpc::PayTranche(::grpc::ServerContext* ctx,
                                     const v1::TrancheActionRequest* req, v1::Tranche* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return tranches_.Pay(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status AwardGrpc::CancelTranche(::grpc::ServerContext* ctx,
                                        const v1::TrancheActionRequest* req, v1::Tranche* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return tranches_.Cancel(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status AwardGrpc::CreateReport(::grpc::ServerContext* ctx,
                                       const v1::CreateReportRequest* req, v1::GrantReport* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return reports_.Create(caller, req->grant_id(),
                           ReportInputFromProto(req->report(), req->fields()));
  });
}

::grpc::Status AwardGrpc::GetReport(::grpc::ServerContext* ctx, const v1::GetReportRequest* req,
                                    v1::GrantReport* out) {
  return One(ctx, out,
             [&](const identity::Caller& caller) { return reports_.Get(caller, req->id()); });
}

::grpc::Status AwardGrpc::UpdateReport(::grpc::ServerContext* ctx,
                                       const v1::UpdateReportRequest* req, v1::GrantReport* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return reports_.Update(caller, req->id(), ReportInputFromProto(req->report(), req->fields()),
                           req->expected_version());
  });
}

::grpc::Status AwardGrpc::ListReports(::grpc::ServerContext* ctx, const v1::ListReportsRequest* req,
                                      v1::ListReportsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto items, reports_.List(caller, req->grant_id()));
    for (const auto& r : items) ToProto(r, out->add_items());
    return absl::OkStatus();
  });
}

::grpc::Status AwardGrpc::SubmitReport(::grpc::ServerContext* ctx,
                                       const v1::ReportActionRequest* req, v1::GrantReport* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return reports_.Submit(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status AwardGrpc::AcceptReport(::grpc::ServerContext* ctx,
                                       const v1::ReportActionRequest* req, v1::GrantReport* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return reports_.Accept(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status AwardGrpc::ReturnReport(::grpc::ServerContext* ctx,
                                       const v1::ReportActionRequest* req, v1::GrantReport* out) {
  return One(ctx, out, [&](const identity::Caller& caller) {
    return reports_.Return(caller, req->id(), req->note(), req->expected_version());
  });
}

}  // namespace iris::grants::rpc
