#include "services/events/rpc/event_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/events/rpc/event_mapping.hpp"

namespace iris::events::rpc {

using proto_values::Strings;

::grpc::Status EventGrpc::CreateEvent(::grpc::ServerContext* ctx, const v1::CreateEventRequest* req,
                                      v1::Event* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto e,
                          events_.Create(caller, EventPatchFromProto(req->event(), req->fields())));
    ToProto(e, out);
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::GetEvent(::grpc::ServerContext* ctx, const v1::GetEventRequest* req,
                                   v1::Event* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto e, events_.Get(caller, req->id()));
    ToProto(e, out);
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::UpdateEvent(::grpc::ServerContext* ctx, const v1::UpdateEventRequest* req,
                                      v1::Event* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto e, events_.Update(caller, req->id(), EventPatchFromProto(req->event(), req->fields()),
                               req->expected_version()));
    ToProto(e, out);
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::ListEvents(::grpc::ServerContext* ctx, const v1::ListEventsRequest* req,
                                     v1::ListEventsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::EventListRequest list{.kind = Strings(req->kind()),
                               .country = Strings(req->country()),
                               .format = Strings(req->format()),
                               .status = Strings(req->status()),
                               .from = req->from(),
                               .to = req->to(),
                               .page = proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, events_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::Act(::grpc::ServerContext* ctx, const v1::EventActionRequest* req,
                              domain::EventVerb verb, v1::Event* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto e, events_.Act(caller, req->id(), verb, req->note(), req->expected_version()));
    ToProto(e, out);
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::PublishEvent(::grpc::ServerContext* ctx,
                                       const v1::EventActionRequest* req, v1::Event* out) {
  return Act(ctx, req, domain::EventVerb::kPublish, out);
}

::grpc::Status EventGrpc::CancelEvent(::grpc::ServerContext* ctx, const v1::EventActionRequest* req,
                                      v1::Event* out) {
  return Act(ctx, req, domain::EventVerb::kCancel, out);
}

::grpc::Status EventGrpc::CompleteEvent(::grpc::ServerContext* ctx,
                                        const v1::EventActionRequest* req, v1::Event* out) {
  return Act(ctx, req, domain::EventVerb::kComplete, out);
}

::grpc::Status EventGrpc::CreateSession(::grpc::ServerContext* ctx,
                                        const v1::CreateSessionRequest* req, v1::Session* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto s, events_.CreateSession(caller, req->event_id(),
                                      SessionInputFromProto(req->session(), req->fields())));
    ToProto(s, out);
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::ListSessions(::grpc::ServerContext* ctx,
                                       const v1::ListSessionsRequest* req,
                                       v1::ListSessionsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto page, events_.ListSessions(caller, req->event_id(),
                                                          proto_values::FromProto(req->page())));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status EventGrpc::Calendar(::grpc::ServerContext* ctx, const v1::CalendarRequest* req,
                                   v1::CalendarResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::CalendarRequest calendar{.country = Strings(req->country()), .kind = Strings(req->kind())};
    IRIS_ASSIGN_OR_RETURN(auto text, events_.Calendar(caller, calendar));
    out->set_ics(std::move(text));
    return absl::OkStatus();
  });
}

}  // namespace iris::events::rpc
