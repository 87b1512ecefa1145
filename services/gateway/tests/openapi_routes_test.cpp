// Keeps docs/openapi.yaml and the gateway's route table in step, in both directions.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "gateway_openapi.hpp"
#include "gateway_openapi_json.hpp"
#include "libs/metrics/metrics.hpp"
#include "libs/redis/redis.hpp"
#include "libs/status/problem_types.hpp"
#include "services/gateway/routes/openapi_document.hpp"
#include "services/gateway/routes/route_table.hpp"

namespace iris::gateway {
namespace {

// Each routed operation ("GET /v1/x") with the query parameters it takes (or, `repeatable`,
// those it takes several times).
// The gateway's route table, built once for the whole test (routes keep references to what
// they were built from). Clients connect lazily: nothing here is contacted.
const std::vector<Route>& Routes() {
  struct Table {
    Upstreams upstreams;
    iris::redis::Redis redis{iris::redis::RedisConfig{.port = 1}};
    iris::metrics::Metrics metrics{"openapi-test"};
    std::string openapi;
    std::unique_ptr<Readiness> readiness;
    std::vector<Route> routes;
  };
  static Table* table = [] {
    auto* t = new Table;
    for (const auto& service : RegisteredServices()) {
      t->upstreams.Add(service.name, "127.0.0.1:1", std::chrono::milliseconds(10));
    }
    t->readiness = std::make_unique<Readiness>(t->upstreams, t->redis, t->metrics);
    t->routes = AllRoutes(t->upstreams, {*t->readiness, t->openapi});
    return t;
  }();
  return table->routes;
}

std::map<std::string, std::set<std::string>> RoutedQueries(bool repeatable = false) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& r : Routes()) {
    const auto& names = repeatable ? r.repeatable : r.query;
    out[std::string(MethodName(r.method)) + " " + r.path] = {names.begin(), names.end()};
  }
  return out;
}

std::set<std::string> RoutedOperations() {
  std::set<std::string> out;
  for (const auto& [op, query] : RoutedQueries()) out.insert(op);
  return out;
}

std::set<std::string> DocumentedOperations() {
  auto doc = ParseOpenApi(docs::kOpenApiYaml);
  EXPECT_TRUE(doc.ok()) << doc.status();
  std::set<std::string> out;
  for (const auto& [path, item] : (*doc)["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      out.insert(absl::AsciiStrToUpper(method) + " " + path);
    }
  }
  return out;
}

// Each documented operation with its query parameters (inline or $ref to components); with
// `arrays`, only those whose schema is an array (a filter given several times).
std::map<std::string, std::set<std::string>> DocumentedQueries(bool arrays = false) {
  auto doc = ParseOpenApi(docs::kOpenApiYaml);
  EXPECT_TRUE(doc.ok()) << doc.status();
  std::map<std::string, std::set<std::string>> out;
  const auto& shared = (*doc)["components"]["parameters"];
  for (const auto& [path, item] : (*doc)["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (!op.is_object() || !op.contains("responses")) continue;
      auto& names = out[absl::AsciiStrToUpper(method) + " " + path];
      for (auto p : op.value("parameters", nlohmann::json::array())) {
        if (p.contains("$ref")) {
          const std::string ref = p["$ref"];
          p = shared[ref.substr(ref.rfind('/') + 1)];
        }
        if (p.value("in", "") != "query") continue;
        const bool array = p.contains("schema") && p["schema"].value("type", "") == "array";
        if (!arrays || array) names.insert(p.value("name", ""));
      }
    }
  }
  return out;
}

// Regression (issue 12): unknown query parameters were ignored, so `?contry=RS` listed all.
TEST(OpenApiRoutesTest, EachRouteTakesExactlyTheDocumentedQueryParameters) {
  const auto documented = DocumentedQueries();
  for (const auto& [op, query] : RoutedQueries()) {
    auto it = documented.find(op);
    if (it == documented.end()) continue;  // EveryRoutedOperationIsDocumented reports it
    EXPECT_EQ(query, it->second) << op;
  }
}

// Filters that take several values (`country=RS&country=BA`) are arrays in the document, and
// only those: a client generated from it sends what the gateway accepts.
TEST(OpenApiRoutesTest, RepeatableParametersAreExactlyTheDocumentedArrays) {
  const auto documented = DocumentedQueries(/*arrays=*/true);
  for (const auto& [op, repeatable] : RoutedQueries(/*repeatable=*/true)) {
    auto it = documented.find(op);
    if (it == documented.end()) continue;
    EXPECT_EQ(repeatable, it->second) << op;
  }
}

// What an API key needs for each operation is what the gateway checks (issue 14: routes declare
// their scope).
TEST(OpenApiRoutesTest, EachOperationNamesTheApiKeyScopeItsRouteNeeds) {
  auto doc = ParseOpenApi(docs::kOpenApiYaml);
  ASSERT_TRUE(doc.ok()) << doc.status();
  int checked = 0;
  for (const auto& r : Routes()) {
    const std::string method = absl::AsciiStrToLower(std::string(MethodName(r.method)));
    const auto& paths = (*doc)["paths"];
    if (!paths.contains(r.path) || !paths[r.path].contains(method)) continue;  // reported below
    const auto& op = paths[r.path][method];
    for (const auto& requirement : op.value("security", nlohmann::json::array())) {
      if (!requirement.contains("ApiKey")) continue;
      EXPECT_EQ(requirement["ApiKey"], nlohmann::json::array({std::string(NeededScope(r))}))
          << method << " " << r.path;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

TEST(OpenApiRoutesTest, EveryRoutedOperationIsDocumented) {
  const auto documented = DocumentedOperations();
  for (const auto& op : RoutedOperations()) {
    EXPECT_TRUE(documented.count(op)) << op << " is routed but not in docs/openapi.yaml";
  }
}

TEST(OpenApiRoutesTest, EveryDocumentedOperationIsRouted) {
  const auto routed = RoutedOperations();
  for (const auto& op : DocumentedOperations()) {
    EXPECT_TRUE(routed.count(op)) << op << " is documented but the gateway does not route it";
  }
}

// The document lists the problem vocabulary (Problem.type's enum) exactly as the registry has it.
TEST(OpenApiRoutesTest, TheDocumentListsEveryProblemTypeAndNoOther) {
  auto doc = ParseOpenApi(docs::kOpenApiYaml);
  ASSERT_TRUE(doc.ok()) << doc.status();
  std::set<std::string> documented, registered;
  for (const auto& t : (*doc)["components"]["schemas"]["Problem"]["properties"]["type"]["enum"]) {
    documented.insert(t.get<std::string>());
  }
  for (const auto& t : status::ProblemTypes())
    registered.insert("/problems/" + std::string(t.name));
  EXPECT_EQ(documented, registered);
}

// A service is declared three times: iris_service() in its CMake file (it is built and
// started by the e2e System), IRIS_SERVICES in scripts/lib/common.sh (run.sh starts it) and
// RegisteredServices() (the gateway routes to it). The first and the last must agree.
TEST(OpenApiRoutesTest, GatewayRegistersEveryBuiltServiceAndNoOther) {
  const std::set<std::string> built = absl::StrSplit(IRIS_BUILT_SERVICES, '|', absl::SkipEmpty());
  std::set<std::string> registered;
  for (const auto& s : RegisteredServices()) registered.insert(s.name);
  EXPECT_EQ(built, registered);
}

// What GET /v1/openapi.json serves is compacted from the YAML at build time
// (tools/openapi_json.cpp): the same document.
TEST(OpenApiRoutesTest, TheServedJsonIsTheYamlsDocument) {
  auto doc = ParseOpenApi(docs::kOpenApiYaml);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(nlohmann::json::parse(docs::kOpenApiJson), *doc);
  EXPECT_EQ(docs::kOpenApiJson, doc->dump());
}

TEST(OpenApiRoutesTest, DocumentIsOpenApi31) {
  auto doc = ParseOpenApi(docs::kOpenApiYaml);
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ((*doc)["openapi"], "3.1.0");
}

}  // namespace
}  // namespace iris::gateway
