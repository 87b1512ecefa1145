// Implements iris.events.v1.Events: gRPC <-> use cases, no rules.
#pragma once

#include "iris/events/v1/events.grpc.pb.h"
#include "services/events/app/event_use_cases.hpp"

namespace iris::events::rpc {

class EventGrpc final : public v1::Events::Service {
 public:
  explicit EventGrpc(app::EventUseCases& events) : events_(events) {}

  ::grpc::Status CreateEvent(::grpc::ServerContext* ctx, const v1::CreateEventRequest* req,
                             v1::Event* out) override;
  ::grpc::Status GetEvent(::grpc::ServerContext* ctx, const v1::GetEventRequest* req,
                          v1::Event* out) override;
  ::grpc::Status UpdateEvent(::grpc::ServerContext* ctx, const v1::UpdateEventRequest* req,
                             v1::Event* out) override;
  ::grpc::Status ListEvents(::grpc::ServerContext* ctx, const v1::ListEventsRequest* req,
                            v1::ListEventsResponse* out) override;
  ::grpc::Status PublishEvent(::grpc::ServerContext* ctx, const v1::EventActionRequest* req,
                              v1::Event* out) override;
  ::grpc::Status CancelEvent(::grpc::ServerContext* ctx, const v1::EventActionRequest* req,
                             v1::Event* out) override;
  ::grpc::Status CompleteEvent(::grpc::ServerContext* ctx, const v1::EventActionRequest* req,
                               v1::Event* out) override;
  ::grpc::Status CreateSession(::grpc::ServerContext* ctx, const v1::CreateSessionRequest* req,
                               v1::Session* out) override;
  ::grpc::Status ListSessions(::grpc::ServerContext* ctx, const v1::ListSessionsRequest* req,
                              v1::ListSessionsResponse* out) override;
  ::grpc::Status Calendar(::grpc::ServerContext* ctx, const v1::CalendarRequest* req,
                          v1::CalendarResponse* out) override;

 private:
  // The three verbs differ only in the step they take.
  ::grpc::Status Act(::grpc::ServerContext* ctx, const v1::EventActionRequest* req,
                     domain::EventVerb verb, v1::Event* out);

  app::EventUseCases& events_;
};

}  // namespace iris::events::rpc
