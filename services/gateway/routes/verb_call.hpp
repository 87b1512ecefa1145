// The route of a state change that is one gRPC call: POST <resource_path>/<verb> (rest::Verb:
// If-Match and the optional {"note"}) sent as a request {id, note, expected_version}, answered
// 200 with the resource acted on and its ETag. Every *ActionRequest of the contracts has that
// shape, so each verb is one line:
//
//   routes.push_back(VerbCall("/v1/tranches/{id}", "pay", Access::kNetworkAdmin, c,
//                             &v1::Awards::Stub::PayTranche));
#pragma once

#include <string>
#include <string_view>

#include "services/gateway/routes/rest.hpp"
#include "services/gateway/routes/upstream_call.hpp"

namespace iris::gateway {

//
// `variant_of` (optional): the ETag's variant of the answer (rest::Etag), for a resource whose
// representation changes without its version, such as an event's places.
template <typename Stub, typename Request, typename Response>
Route VerbCall(const std::string& resource_path, std::string_view verb, Access access,
               Upstream& upstream,
               ::grpc::Status (Stub::*method)(::grpc::ClientContext*, const Request&, Response*),
               std::string (*variant_of)(const Response&) = nullptr) {
  return rest::Verb(
      resource_path, verb, access,
      [&upstream, method, variant_of](RequestContext& r,
                                      const rest::VerbRequest& verb_req) -> absl::StatusOr<Reply> {
        Request req;
        req.set_id(r.PathParam("id"));
        req.set_expected_version(verb_req.expected_version);
        req.set_note(verb_req.note);
        IRIS_ASSIGN_OR_RETURN(auto out, Call(upstream, method, r, req));
        return rest::Resource(out, out.version(), 200, variant_of ? variant_of(out) : "");
      });
}

}  // namespace iris::gateway
