// The edge of every RPC handler: the caller, request-id log scope, Status -> grpc::Status, no
// stray exceptions.
#pragma once

#include <exception>
#include <string>
#include <type_traits>

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "libs/grpc/caller.hpp"
#include "libs/identity/caller.hpp"
#include "libs/log/log.hpp"
#include "libs/status/grpc_status.hpp"
#include "libs/status/status.hpp"

namespace iris::grpc {

// Runs `fn` (returning absl::Status) for one RPC, handing it the caller the gateway sent:
//   return Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status { ... });
// Handlers that do not care who calls (public reference data, sign-in) may take no argument.
// Exceptions that escaped the storage edge are our bugs: logged with the request id and
// answered INTERNAL without their text.
template <typename F>
::grpc::Status Answer(::grpc::ServerContext& ctx, F&& fn) {
  const identity::Caller caller = CallerOf(ctx);
  iris::log::RequestScope scope(caller.request_id);
  absl::Status status;
  try {
    if constexpr (std::is_invocable_v<F&, const identity::Caller&>) {
      status = fn(caller);
    } else {
      status = fn();
    }
  } catch (const std::exception& e) {
    iris::log::Error("unhandled exception in rpc", {{"error", e.what()}});
    status = absl::InternalError("internal error");
  } catch (...) {
    iris::log::Error("unhandled non-standard exception in rpc");
    status = absl::InternalError("internal error");
  }
  // A dry run never answers success, even from a use case that changed nothing (and so
  // recorded nothing): the caller must not take the resource in the response for one written.
  if (caller.dry_run && status.ok()) status = iris::status::DryRunPassed();
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown) {
    iris::log::Error("rpc failed", {{"error", std::string(status.message())}});
  }
  return iris::status::ToGrpc(status);
}

}  // namespace iris::grpc
