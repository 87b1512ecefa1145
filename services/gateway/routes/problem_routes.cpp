// /problems and /problems/{name}: every problem type's URL answers with what it means and how
// to fix it (libs/status/problem_types.hpp), so a `type` in an answer is a working link.
#include "libs/status/problem_types.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {
namespace {

nlohmann::json Describe(const status::ProblemType& t) {
  return {{"type", "/problems/" + std::string(t.name)},
          {"title", std::string(t.title)},
          {"status", t.http_status},
          {"detail", std::string(t.detail)}};
}

// The registry changes only with a release: caches may keep it a day.
constexpr const char* kCacheControl = "public, max-age=86400";

}  // namespace

std::vector<Route> ProblemRoutes() {
  std::vector<Route> routes;
  routes.push_back({Method::kGet, "/problems", Access::kPublic, Body::kNone,
                    [](RequestContext&) -> absl::StatusOr<Reply> {
                      auto items = nlohmann::json::array();
                      for (const auto& t : status::ProblemTypes()) items.push_back(Describe(t));
                      return Reply::Json(200,
                                         nlohmann::json{{"items", items}, {"next_cursor", nullptr}})
                          .WithHeader("Cache-Control", kCacheControl);
                    }});
  routes.back().never_blocks = true;
  routes.push_back(
      {Method::kGet, "/problems/{name}", Access::kPublic, Body::kNone,
       [](RequestContext& r) -> absl::StatusOr<Reply> {
         const auto* t = status::FindProblemType(r.PathParam("name"));
         if (t == nullptr) return absl::NotFoundError("no such problem type");
         return Reply::Json(200, Describe(*t)).WithHeader("Cache-Control", kCacheControl);
       }});
  routes.back().never_blocks = true;
  return routes;
}

}  // namespace iris::gateway
