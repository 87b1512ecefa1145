#include "services/events/rpc/programme_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/events/rpc/programme_mapping.hpp"

namespace iris::events::rpc {

::grpc::Status ProgrammeGrpc::CreateProgramme(::grpc::ServerContext* ctx,
                                              const v1::CreateProgrammeRequest* req,
                                              v1::Programme* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto p,
                          programmes_.CreateProgramme(
                              caller, ProgrammePatchFromProto(req->programme(), req->fields())));
    ToProto(p, out);
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::GetProgramme(::grpc::ServerContext* ctx,
                                           const v1::GetProgrammeRequest* req, v1::Programme* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto p, programmes_.GetProgramme(caller, req->id()));
    ToProto(p, out);
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::ListProgrammes(::grpc::ServerContext* ctx,
                                             const v1::ListProgrammesRequest* req,
                                             v1::ListProgrammesResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::ProgrammeListRequest list{proto_values::Strings(req->kind()),
                                   proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, programmes_.ListProgrammes(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::CreatePlacement(::grpc::ServerContext* ctx,
                                              const v1::CreatePlacementRequest* req,
                                              v1::Placement* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto p, programmes_.CreatePlacement(
                                      caller, req->programme_id(),
                                      PlacementPatchFromProto(req->placement(), req->fields())));
    ToProto(p, out);
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::GetPlacement(::grpc::ServerContext* ctx,
                                           const v1::GetPlacementRequest* req, v1::Placement* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto p, programmes_.GetPlacement(caller, req->id()));
    ToProto(p, out);
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::UpdatePlacement(::grpc::ServerContext* ctx,
                                              const v1::UpdatePlacementRequest* req,
                                              v1::Placement* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto p, programmes_.UpdatePlacement(
                    caller, req->id(), PlacementPatchFromProto(req->placement(), req->fields()),
                    req->expected_version()));
    ToProto(p, out);
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::ListPlacements(::grpc::ServerContext* ctx,
                                             const v1::ListPlacementsRequest* req,
                                             v1::ListPlacementsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::PlacementListRequest list{req->programme_id(), proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, programmes_.ListPlacements(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::LogMentoringSession(::grpc::ServerContext* ctx,
                                                  const v1::LogMentoringSessionRequest* req,
                                                  v1::MentoringSession* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto s, programmes_.LogSession(caller, req->placement_id(),
                                                         MentoringSessionPatchFromProto(
                                                             req->session(), req->fields())));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status ProgrammeGrpc::ListMentoringSessions(::grpc::ServerContext* ctx,
                                                    const v1::ListMentoringSessionsRequest* req,
                                                    v1::ListMentoringSessionsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::SessionListRequest list{req->placement_id(), proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, programmes_.ListSessions(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

}  // namespace iris::events::rpc
