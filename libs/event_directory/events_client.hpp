// EventDirectory over events' gRPC API (Events.GetEvent), asked as the original caller with a
// deadline.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "iris/events/v1/events.grpc.pb.h"
#include "libs/event_directory/directory.hpp"

namespace iris::event_directory {

class EventsClient final : public EventDirectory {
 public:
  EventsClient(const std::string& address, std::chrono::milliseconds deadline);
  // Over a channel of the caller's (tests: a fake events server).
  EventsClient(std::shared_ptr<::grpc::Channel> channel, std::chrono::milliseconds deadline);

  absl::StatusOr<EventFacts> Event(const identity::Caller& caller,
                                   const std::string& event_id) override;

 private:
  std::chrono::milliseconds deadline_;
  std::unique_ptr<events::v1::Events::Stub> events_;
};

}  // namespace iris::event_directory
