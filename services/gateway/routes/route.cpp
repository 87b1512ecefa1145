#include "services/gateway/routes/route.hpp"

#include "libs/json/proto_json.hpp"

namespace iris::gateway {

std::string_view NeededScope(const Route& route) {
  if (!route.scope.empty()) return route.scope;
  return route.method == Method::kGet ? "read" : "write";
}

std::optional<Method> ParseMethod(std::string_view name) {
  if (name == "GET") return Method::kGet;
  if (name == "POST") return Method::kPost;
  if (name == "PUT") return Method::kPut;
  if (name == "PATCH") return Method::kPatch;
  if (name == "DELETE") return Method::kDelete;
  return std::nullopt;
}

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

std::string RequestContext::PathParam(const std::string& name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string() : it->second;
}

Reply Reply::Json(int status, const google::protobuf::Message& message) {
  return Reply{status, "application/json", iris::json::ToJsonString(message), {}, nullptr};
}

Reply Reply::Json(int status, const nlohmann::json& document) {
  return Reply{status,
               "application/json",
               document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
               {},
               nullptr};
}

Reply Reply::Raw(int status, std::string content_type, std::string body) {
  return Reply{status, std::move(content_type), std::move(body), {}, nullptr};
}

Reply& Reply::WithHeader(std::string name, std::string value) {
  headers.push_back({std::move(name), std::move(value)});
  return *this;
}

}  // namespace iris::gateway
