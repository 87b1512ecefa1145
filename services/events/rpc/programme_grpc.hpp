// Implements iris.events.v1.Programmes: gRPC <-> use cases, no rules.
#pragma once

#include "iris/events/v1/programmes.grpc.pb.h"
#include "services/events/app/programme_use_cases.hpp"

namespace iris::events::rpc {

class ProgrammeGrpc final : public v1::Programmes::Service {
 public:
  explicit ProgrammeGrpc(app::ProgrammeUseCases& programmes) : programmes_(programmes) {}

  ::grpc::Status CreateProgramme(::grpc::ServerContext* ctx, const v1::CreateProgrammeRequest* req,
                                 v1::Programme* out) override;
  ::grpc::Status GetProgramme(::grpc::ServerContext* ctx, const v1::GetProgrammeRequest* req,
                              v1::Programme* out) override;
  ::grpc::Status ListProgrammes(::grpc::ServerContext* ctx, const v1::ListProgrammesRequest* req,
                                v1::ListProgrammesResponse* out) override;
  ::grpc::Status CreatePlacement(::grpc::ServerContext* ctx, const v1::CreatePlacementRequest* req,
                                 v1::Placement* out) override;
  ::grpc::Status GetPlacement(::grpc::ServerContext* ctx, const v1::GetPlacementRequest* req,
                              v1::Placement* out) override;
  ::grpc::Status UpdatePlacement(::grpc::ServerContext* ctx, const v1::UpdatePlacementRequest* req,
                                 v1::Placement* out) override;
  ::grpc::Status ListPlacements(::grpc::ServerContext* ctx, const v1::ListPlacementsRequest* req,
                                v1::ListPlacementsResponse* out) override;
  ::grpc::Status LogMentoringSession(::grpc::ServerContext* ctx,
                                     const v1::LogMentoringSessionRequest* req,
                                     v1::MentoringSession* out) override;
  ::grpc::Status ListMentoringSessions(::grpc::ServerContext* ctx,
                                       const v1::ListMentoringSessionsRequest* req,
                                       v1::ListMentoringSessionsResponse* out) override;

 private:
  app::ProgrammeUseCases& programmes_;
};

}  // namespace iris::events::rpc
