#include "services/events/rpc/registration_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/events/rpc/registration_mapping.hpp"

namespace iris::events::rpc {
namespace {

// The answer of a use case returning one registration.
template <typename F>
::grpc::Status AnswerRegistration(::grpc::ServerContext* ctx, v1::Registration* out, F&& act) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto r, act(caller));
    ToProto(r, out);
    return absl::OkStatus();
  });
}

}  // namespace

::grpc::Status RegistrationGrpc::CreateRegistration(::grpc::ServerContext* ctx,
                                                    const v1::CreateRegistrationRequest* req,
                                                    v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Create(caller, req->event_id(),
                                 RegistrationPatchFromProto(req->registration(), req->fields()));
  });
}

::grpc::Status RegistrationGrpc::GetRegistration(::grpc::ServerContext* ctx,
                                                 const v1::GetRegistrationRequest* req,
                                                 v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Get(caller, req->id());
  });
}

::grpc::Status RegistrationGrpc::ListRegistrations(::grpc::ServerContext* ctx,
                                                   const v1::ListRegistrationsRequest* req,
                                                   v1::ListRegistrationsResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    app::RegistrationListRequest list{req->event_id(), proto_values::Strings(req->status()),
                                      proto_values::Strings(req->organization_id()),
                                      proto_values::FromProto(req->page())};
    IRIS_ASSIGN_OR_RETURN(auto page, registrations_.List(caller, list));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status RegistrationGrpc::SelectRegistration(::grpc::ServerContext* ctx,
                                                    const v1::RegistrationActionRequest* req,
                                                    v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Select(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status RegistrationGrpc::WaitlistRegistration(::grpc::ServerContext* ctx,
                                                      const v1::RegistrationActionRequest* req,
                                                      v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Waitlist(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status RegistrationGrpc::RejectRegistration(::grpc::ServerContext* ctx,
                                                    const v1::RegistrationActionRequest* req,
                                                    v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Reject(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status RegistrationGrpc::ConfirmRegistration(::grpc::ServerContext* ctx,
                                                     const v1::RegistrationActionRequest* req,
                                                     v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Confirm(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status RegistrationGrpc::CancelRegistration(::grpc::ServerContext* ctx,
                                                    const v1::RegistrationActionRequest* req,
                                                    v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.Cancel(caller, req->id(), req->note(), req->expected_version());
  });
}

::grpc::Status RegistrationGrpc::RecordAttendance(::grpc::ServerContext* ctx,
                                                  const v1::RecordAttendanceRequest* req,
                                                  v1::Registration* out) {
  return AnswerRegistration(ctx, out, [&](const identity::Caller& caller) {
    return registrations_.RecordAttendance(caller, req->id(), req->date());
  });
}

::grpc::Status RegistrationGrpc::GetCertificate(::grpc::ServerContext* ctx,
                                                const v1::GetCertificateRequest* req,
                                                v1::Certificate* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller&) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto c, registrations_.GetCertificate(req->code()));
    ToProto(c, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::events::rpc
