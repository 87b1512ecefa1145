#include "services/grants/rpc/statistics_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "services/grants/rpc/statistics_mapping.hpp"

namespace iris::grants::rpc {

::grpc::Status StatisticsGrpc::GetCallStats(::grpc::ServerContext* ctx,
                                            const v1::GetCallStatsRequest* req,
                                            v1::CallStats* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto stats, stats_.CallStats(req->call_id()));
    ToProto(stats, out);
    return absl::OkStatus();
  });
}

::grpc::Status StatisticsGrpc::GetGrantStats(::grpc::ServerContext* ctx,
                                             const v1::GetGrantStatsRequest* req,
                                             v1::GrantStats* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto stats, stats_.GrantStats(req->from(), req->to(), req->currency()));
    ToProto(stats, out);
    return absl::OkStatus();
  });
}

::grpc::Status StatisticsGrpc::GetOpenData(::grpc::ServerContext* ctx,
                                           const v1::GetOpenDataRequest* req,
                                           v1::OpenDataDocument* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    app::OpenDataFormat format;
    switch (req->format()) {
      case v1::OPEN_DATA_FORMAT_JSON: format = app::OpenDataFormat::kJson; break;
      case v1::OPEN_DATA_FORMAT_CSV: format = app::OpenDataFormat::kCsv; break;
      default: return status::Malformed("format", "must be JSON or CSV");
    }
    IRIS_ASSIGN_OR_RETURN(auto document, stats_.OpenData(format));
    out->set_content_type(document.content_type);
    out->set_body(std::move(document.body));
    out->set_version(document.version);
    return absl::OkStatus();
  });
}

}  // namespace iris::grants::rpc
