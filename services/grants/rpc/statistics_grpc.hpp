// Implements iris.grants.v1.Statistics: gRPC <-> the statistics use cases, no rules. Public:
// the caller is not asked for.
#pragma once

#include "iris/grants/v1/statistics.grpc.pb.h"
#include "services/grants/app/statistics_use_cases.hpp"

namespace iris::grants::rpc {

class StatisticsGrpc final : public v1::Statistics::Service {
 public:
  explicit StatisticsGrpc(app::StatisticsUseCases& stats) : stats_(stats) {}

  ::grpc::Status GetCallStats(::grpc::ServerContext* ctx, const v1::GetCallStatsRequest* req,
                              v1::CallStats* out) override;
  ::grpc::Status GetGrantStats(::grpc::ServerContext* ctx, const v1::GetGrantStatsRequest* req,
                               v1::GrantStats* out) override;
  ::grpc::Status GetOpenData(::grpc::ServerContext* ctx, const v1::GetOpenDataRequest* req,
                             v1::OpenDataDocument* out) override;

 private:
  app::StatisticsUseCases& stats_;
};

}  // namespace iris::grants::rpc
