// Implements iris.grants.v1.Applications: gRPC <-> use cases, no rules.
#pragma once

#include "iris/grants/v1/applications.grpc.pb.h"
#include "services/grants/app/application_use_cases.hpp"
#include "services/grants/app/review_use_cases.hpp"

namespace iris::grants::rpc {

class ApplicationGrpc final : public v1::Applications::Service {
 public:
  ApplicationGrpc(app::ApplicationUseCases& applications, app::ReviewUseCases& reviews)
      : applications_(applications), reviews_(reviews) {}

  ::grpc::Status CreateApplication(::grpc::ServerContext* ctx,
                                   const v1::CreateApplicationRequest* req,
                                   v1::GrantApplication* out) override;
  ::grpc::Status GetApplication(::grpc::ServerContext* ctx, const v1::GetApplicationRequest* req,
                                v1::GrantApplication* out) override;
  ::grpc::Status UpdateApplication(::grpc::ServerContext* ctx,
                                   const v1::UpdateApplicationRequest* req,
                                   v1::GrantApplication* out) override;
  ::grpc::Status ListApplications(::grpc::ServerContext* ctx,
                                  const v1::ListApplicationsRequest* req,
                                  v1::ListApplicationsResponse* out) override;
  ::grpc::Status SubmitApplication(::grpc::ServerContext* ctx,
                                   const v1::ApplicationActionRequest* req,
                                   v1::GrantApplication* out) override;
  ::grpc::Status WithdrawApplication(::grpc::ServerContext* ctx,
                                     const v1::ApplicationActionRequest* req,
                                     v1::GrantApplication* out) override;
  ::grpc::Status RejectApplication(::grpc::ServerContext* ctx,
                                   const v1::ApplicationActionRequest* req,
                                   v1::GrantApplication* out) override;
  ::grpc::Status AssignReviewer(::grpc::ServerContext* ctx, const v1::AssignReviewerRequest* req,
                                v1::ReviewerAssignment* out) override;
  ::grpc::Status ListReviewers(::grpc::ServerContext* ctx, const v1::ListReviewersRequest* req,
                               v1::ListReviewersResponse* out) override;
  ::grpc::Status CreateReview(::grpc::ServerContext* ctx, const v1::CreateReviewRequest* req,
                              v1::Review* out) override;
  ::grpc::Status ListReviews(::grpc::ServerContext* ctx, const v1::ListReviewsRequest* req,
                             v1::ListReviewsResponse* out) override;
  ::grpc::Status GetRanking(::grpc::ServerContext* ctx, const v1::GetRankingRequest* req,
                            v1::Ranking* out) override;

 private:
  app::ApplicationUseCases& applications_;
  app::ReviewUseCases& reviews_;
};

}  // namespace iris::grants::rpc
