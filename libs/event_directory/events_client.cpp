#include "libs/event_directory/events_client.hpp"

#include <grpcpp/client_context.h>

#include "libs/grpc/channel.hpp"
#include "libs/grpc/dependency_failure.hpp"
#include "libs/proto_values/enum_words.hpp"

namespace iris::event_directory {
namespace {

namespace v1 = iris::events::v1;

}  // namespace

EventsClient::EventsClient(const std::string& address, std::chrono::milliseconds deadline)
    : EventsClient(iris::grpc::MakeChannel(address), deadline) {}

EventsClient::EventsClient(std::shared_ptr<::grpc::Channel> channel,
                           std::chrono::milliseconds deadline)
    : deadline_(deadline), events_(v1::Events::NewStub(channel)) {}

absl::StatusOr<EventFacts> EventsClient::Event(const identity::Caller& caller,
                                               const std::string& event_id) {
  ::grpc::ClientContext ctx;
  iris::grpc::PrepareContext(ctx, caller, deadline_);
  v1::GetEventRequest req;
  req.set_id(event_id);
  v1::Event event;
  const ::grpc::Status s = events_->GetEvent(&ctx, req, &event);
  if (s.error_code() == ::grpc::StatusCode::NOT_FOUND) return EventFacts{};
  if (!s.ok()) return iris::grpc::DependencyFailure("events", s, "event " + event_id);
  return EventFacts{
      .exists = true, .status = proto_values::WordOf(event.status()), .country = event.country()};
}

}  // namespace iris::event_directory
