// The Small Grants Scheme's figures and its 360Giving open data (public reads): per call,
// across calls by year and country, and every award as a data package (JSON) or its CSV form.
#include <charconv>

#include "iris/grants/v1/statistics.grpc.pb.h"
#include "libs/status/status.hpp"
#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/route_table.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {
namespace {

namespace v1 = iris::grants::v1;
using Stub = v1::Statistics::Stub;

// Figures change with every award: answered fresh each time. Open data carries its version as
// ETag, so clients and proxies may keep it and revalidate (a 304 when no award changed).
constexpr std::string_view kOpenDataCacheControl = "public, no-cache";

// ?from= and ?to=: a year as digits, absent meaning 0 (unbounded); the service checks ranges.
absl::Status YearsInto(const RequestContext& r, v1::GetGrantStatsRequest* req) {
  status::Validator v;
  for (const std::string name : {"from", "to"}) {
    const auto raw = r.http.QueryValue(name);
    if (!raw) continue;
    int year = 0;
    const char* end = raw->data() + raw->size();
    const auto [at, ec] = std::from_chars(raw->data(), end, year);
    if (raw->empty() || ec != std::errc() || at != end || year < 0) {
      v.Add(name, "must be a year such as 2021");
      continue;
    }
    if (name == "from") {
      req->set_from(year);
    } else {
      req->set_to(year);
    }
  }
  return v.FinishMalformed();
}

Route OpenDataRoute(Upstream& grants, std::string path, v1::OpenDataFormat format,
                    std::string filename) {
  return {Method::kGet, std::move(path), Access::kPublic, Body::kNone,
          [&grants, format, filename](RequestContext& r) -> absl::StatusOr<Reply> {
            v1::GetOpenDataRequest req;
            req.set_format(format);
            IRIS_ASSIGN_OR_RETURN(auto doc, Call(grants, &Stub::GetOpenData, r, req));
            Reply reply = Reply::Raw(200, doc.content_type(), std::move(*doc.mutable_body()))
                              .WithHeader("ETag", rest::Etag(doc.version()))
                              .WithHeader("Cache-Control", std::string(kOpenDataCacheControl));
            if (format == v1::OPEN_DATA_FORMAT_CSV) {
              reply.WithHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
            }
            return reply;
          }};
}

}  // namespace

std::vector<Route> GrantStatisticsRoutes(Upstream& grants) {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/v1/grant-calls/{id}/stats", Access::kPublic, Body::kNone,
                    [&grants](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetCallStatsRequest req;
                      req.set_call_id(r.PathParam("id"));
                      IRIS_ASSIGN_OR_RETURN(auto stats, Call(grants, &Stub::GetCallStats, r, req));
                      return Reply::Json(200, stats);
                    }});
  routes.push_back({Method::kGet, "/v1/grant-stats", Access::kPublic, Body::kNone,
                    [&grants](RequestContext& r) -> absl::StatusOr<Reply> {
                      v1::GetGrantStatsRequest req;
                      IRIS_RETURN_IF_ERROR(YearsInto(r, &req));
                      req.set_currency(rest::Query(r, "currency"));
                      IRIS_ASSIGN_OR_RETURN(auto stats, Call(grants, &Stub::GetGrantStats, r, req));
                      return Reply::Json(200, stats);
                    }});
  routes.back().query = {"from", "to", "currency"};
  routes.push_back(OpenDataRoute(grants, "/v1/open-data/360giving.json", v1::OPEN_DATA_FORMAT_JSON,
                                 "360giving.json"));
  routes.push_back(OpenDataRoute(grants, "/v1/open-data/360giving.csv", v1::OPEN_DATA_FORMAT_CSV,
                                 "360giving.csv"));
  return routes;
}

}  // namespace iris::gateway
