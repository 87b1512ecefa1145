// Implements iris.membership.v1.People: gRPC <-> use cases, no rules.
#pragma once

#include "iris/membership/v1/people.grpc.pb.h"
#include "services/membership/app/person_use_cases.hpp"

namespace iris::membership::rpc {

class PersonGrpc final : public v1::People::Service {
 public:
  explicit PersonGrpc(app::PersonUseCases& people) : people_(people) {}

  ::grpc::Status CreatePerson(::grpc::ServerContext* ctx, const v1::CreatePersonRequest* req,
                              v1::Person* out) override;
  ::grpc::Status GetPerson(::grpc::ServerContext* ctx, const v1::GetPersonRequest* req,
                           v1::Person* out) override;
  ::grpc::Status UpdatePerson(::grpc::ServerContext* ctx, const v1::UpdatePersonRequest* req,
                              v1::Person* out) override;
  ::grpc::Status ListPeople(::grpc::ServerContext* ctx, const v1::ListPeopleRequest* req,
                            v1::ListPeopleResponse* out) override;
  ::grpc::Status ErasePerson(::grpc::ServerContext* ctx, const v1::ErasePersonRequest* req,
                             google::protobuf::Empty* out) override;
  ::grpc::Status ExportPerson(::grpc::ServerContext* ctx, const v1::GetPersonRequest* req,
                              v1::PersonExport* out) override;

 private:
  app::PersonUseCases& people_;
};

}  // namespace iris::membership::rpc
