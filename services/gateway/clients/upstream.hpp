// The gRPC services behind the gateway: one generic client per service (channel, deadline,
// caller metadata, error mapping, health), kept in one registry that feeds the routes, /readyz
// and iris_dependency_up. A client knows nothing of HTTP or routes.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <typeindex>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "libs/grpc/caller.hpp"
#include "libs/grpc/channel.hpp"
#include "libs/status/grpc_status.hpp"

namespace iris::gateway {

class Upstream {
 public:
  Upstream(std::string name, std::string address, std::chrono::milliseconds deadline);
  Upstream(const Upstream&) = delete;
  Upstream& operator=(const Upstream&) = delete;

  const std::string& name() const { return name_; }        // "membership"
  const std::string& address() const { return address_; }  // host:port
  std::chrono::milliseconds deadline() const { return deadline_; }

  // The stub of one of the service's gRPC services (e.g. v1::Organizations::Stub), made on
  // first use and kept as long as this Upstream. Keyed by the stub's type, so a route names only
  // the method it calls and the stub follows from the method's class.
  template <typename StubT>
  StubT& StubOf() {
    std::lock_guard<std::mutex> lock(mu_);
    auto& slot = stubs_[std::type_index(typeid(StubT))];
    if (!slot) slot = std::make_shared<StubT>(channel_);
    return *static_cast<StubT*>(slot.get());
  }
  template <typename Service>
  typename Service::Stub& Stub() {
    return StubOf<typename Service::Stub>();
  }

  // One unary call with the deadline and the caller's identity and request id. A service that
  // is down or too slow is UNAVAILABLE naming this service and nothing of how it failed (503
  // with Retry-After); other failures, and a service's own UNAVAILABLE with a problem detail
  // (a dependency of it down), keep the service's own status and details.
  template <typename Response, typename Stub, typename Request>
  absl::StatusOr<Response> Call(Stub& stub,
                                ::grpc::Status (Stub::*method)(::grpc::ClientContext*,
                                                               const Request&, Response*),
                                const identity::Caller& caller, const Request& request) const {
    ::grpc::ClientContext ctx;
    iris::grpc::PrepareContext(ctx, caller, deadline_);
    Response response;
    const ::grpc::Status s = (stub.*method)(&ctx, request, &response);
    if (s.ok()) return response;
    return StatusOf(s);
  }

  // A finished call's failure as Call answers it: a service down or too slow (UNAVAILABLE,
  // DEADLINE_EXCEEDED, CANCELLED: the gateway never cancels a call on its own) is UNAVAILABLE
  // naming this service and nothing of how it failed (503 with Retry-After); a service's own
  // UNAVAILABLE with a problem detail (one of its dependencies down) keeps its words;
  // RESOURCE_EXHAUSTED without our detail is a gRPC limit (503, not a 429 quoting it); anything
  // else keeps the service's status and details. For streaming calls, whose Finish() a route
  // reads itself.
  absl::Status StatusOf(const ::grpc::Status& s) const;

  // The context of a streaming call (file transfers): the caller's identity and request id as
  // Call sends them, and `deadline` instead of the unary one.
  void Prepare(::grpc::ClientContext& ctx, const identity::Caller& caller,
               std::chrono::milliseconds deadline) const {
    iris::grpc::PrepareContext(ctx, caller, deadline);
  }

  // The UNAVAILABLE status a route answers while this service is down.
  absl::Status Unavailable() const;
  // The UNAVAILABLE status (503, Retry-After) for a limit of gRPC's; `why` is only logged.
  absl::Status Exhausted(const std::string& why) const;

  // grpc.health.v1 says SERVING within `deadline`.
  absl::Status Health(std::chrono::milliseconds deadline);

 private:
  const std::string name_;
  const std::string address_;
  const std::chrono::milliseconds deadline_;
  std::shared_ptr<::grpc::Channel> channel_;
  std::unique_ptr<::grpc::health::v1::Health::Stub> health_;
  std::mutex mu_;
  std::map<std::type_index, std::shared_ptr<void>> stubs_;
};

// Every upstream of this gateway process, in registration order.
class Upstreams {
 public:
  Upstream& Add(std::string name, std::string address, std::chrono::milliseconds deadline);
  // The upstream of that name; a name never added is a programming error (aborts with it).
  Upstream& Get(const std::string& name);
  const std::vector<std::unique_ptr<Upstream>>& all() const { return all_; }

 private:
  std::vector<std::unique_ptr<Upstream>> all_;
};

}  // namespace iris::gateway
