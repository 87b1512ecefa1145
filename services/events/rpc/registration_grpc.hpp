// Implements iris.events.v1.Registrations: gRPC <-> use cases, no rules.
#pragma once

#include "iris/events/v1/registrations.grpc.pb.h"
#include "services/events/app/registration_use_cases.hpp"

namespace iris::events::rpc {

class RegistrationGrpc final : public v1::Registrations::Service {
 public:
  explicit RegistrationGrpc(app::RegistrationUseCases& registrations)
      : registrations_(registrations) {}

  ::grpc::Status CreateRegistration(::grpc::ServerContext* ctx,
                                    const v1::CreateRegistrationRequest* req,
                                    v1::Registration* out) override;
  ::grpc::Status GetRegistration(::grpc::ServerContext* ctx, const v1::GetRegistrationRequest* req,
                                 v1::Registration* out) override;
  ::grpc::Status ListRegistrations(::grpc::ServerContext* ctx,
                                   const v1::ListRegistrationsRequest* req,
                                   v1::ListRegistrationsResponse* out) override;
  ::grpc::Status SelectRegistration(::grpc::ServerContext* ctx,
                                    const v1::RegistrationActionRequest* req,
                                    v1::Registration* out) override;
  ::grpc::Status WaitlistRegistration(::grpc::ServerContext* ctx,
                                      const v1::RegistrationActionRequest* req,
                                      v1::Registration* out) override;
  ::grpc::Status RejectRegistration(::grpc::ServerContext* ctx,
                                    const v1::RegistrationActionRequest* req,
                                    v1::Registration* out) override;
  ::grpc::Status ConfirmRegistration(::grpc::ServerContext* ctx,
                                     const v1::RegistrationActionRequest* req,
                                     v1::Registration* out) override;
  ::grpc::Status CancelRegistration(::grpc::ServerContext* ctx,
                                    const v1::RegistrationActionRequest* req,
                                    v1::Registration* out) override;
  ::grpc::Status RecordAttendance(::grpc::ServerContext* ctx,
                                  const v1::RecordAttendanceRequest* req,
                                  v1::Registration* out) override;
  ::grpc::Status GetCertificate(::grpc::ServerContext* ctx, const v1::GetCertificateRequest* req,
                                v1::Certificate* out) override;

 private:
  app::RegistrationUseCases& registrations_;
};

}  // namespace iris::events::rpc
