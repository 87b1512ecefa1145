// Implements iris.grants.v1.Awards: gRPC <-> use cases, no rules.
#pragma once

#include "iris/grants/v1/awards.grpc.pb.h"
#include "services/grants/app/award_use_cases.hpp"
#include "services/grants/app/report_use_cases.hpp"
#include "services/grants/app/tranche_use_cases.hpp"

namespace iris::grants::rpc {

class AwardGrpc final : public v1::Awards::Service {
 public:
  AwardGrpc(app::AwardUseCases& awards, app::TrancheUseCases& tranches,
            app::ReportUseCases& reports)
      : awards_(awards), tranches_(tranches), reports_(reports) {}

  ::grpc::Status AwardApplication(::grpc::ServerContext* ctx,
                                  const v1::AwardApplicationRequest* req, v1::Grant* out) override;
  ::grpc::Status GetGrant(::grpc::ServerContext* ctx, const v1::GetGrantRequest* req,
                          v1::Grant* out) override;
  ::grpc::Status ListGrants(::grpc::ServerContext* ctx, const v1::ListGrantsRequest* req,
                            v1::ListGrantsResponse* out) override;
  ::grpc::Status CreateTranche(::grpc::ServerContext* ctx, const v1::CreateTrancheRequest* req,
                               v1::Tranche* out) override;
  ::grpc::Status ListTranches(::grpc::ServerContext* ctx, const v1::ListTranchesRequest* req,
                              v1::ListTranchesResponse* out) override;
  ::grpc::Status PayTranche(::grpc::ServerContext* ctx, const v1::TrancheActionRequest* req,
                            v1::Tranche* out) override;
  ::grpc::Status CancelTranche(::grpc::ServerContext* ctx, const v1::TrancheActionRequest* req,
                               v1::Tranche* out) override;
  ::grpc::Status CreateReport(::grpc::ServerContext* ctx, const v1::CreateReportRequest* req,
                              v1::GrantReport* out) override;
  ::grpc::Status GetReport(::grpc::ServerContext* ctx, const v1::GetReportRequest* req,
                           v1::GrantReport* out) override;
  ::grpc::Status UpdateReport(::grpc::ServerContext* ctx, const v1::UpdateReportRequest* req,
                              v1::GrantReport* out) override;
  ::grpc::Status ListReports(::grpc::ServerContext* ctx, const v1::ListReportsRequest* req,
                             v1::ListReportsResponse* out) override;
  ::grpc::Status SubmitReport(::grpc::ServerContext* ctx, const v1::ReportActionRequest* req,
                              v1::GrantReport* out) override;
  ::grpc::Status AcceptReport(::grpc::ServerContext* ctx, const v1::ReportActionRequest* req,
                              v1::GrantReport* out) override;
  ::grpc::Status ReturnReport(::grpc::ServerContext* ctx, const v1::ReportActionRequest* req,
                              v1::GrantReport* out) override;

 private:
  app::AwardUseCases& awards_;
  app::TrancheUseCases& tranches_;
  app::ReportUseCases& reports_;
};

}  // namespace iris::grants::rpc
