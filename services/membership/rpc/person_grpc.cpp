#include "services/membership/rpc/person_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/pagination/keyset.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/person_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status PersonGrpc::CreatePerson(::grpc::ServerContext* ctx,
                                        const v1::CreatePersonRequest* req, v1::Person* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto person,
                          people_.Create(caller, req->organization_id(),
                                         PatchFromProto(req->person(), req->fields())));
    ToProto(person, out);
    return absl::OkStatus();
  });
}

::grpc::Status PersonGrpc::GetPerson(::grpc::ServerContext* ctx, const v1::GetPersonRequest* req,
                                     v1::Person* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.Get(caller, req->id()));
    ToProto(person, out);
    return absl::OkStatus();
  });
}

::grpc::Status PersonGrpc::UpdatePerson(::grpc::ServerContext* ctx,
                                        const v1::UpdatePersonRequest* req, v1::Person* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(
        auto person, people_.Update(caller, req->id(), PatchFromProto(req->person(), req->fields()),
                                    req->expected_version()));
    ToProto(person, out);
    return absl::OkStatus();
  });
}

::grpc::Status PersonGrpc::ListPeople(::grpc::ServerContext* ctx, const v1::ListPeopleRequest* req,
                                      v1::ListPeopleResponse* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto page, people_.List(caller, req->organization_id(),
                                                  proto_values::FromProto(req->page())));
    pagination::FillResponse(page, out, [](const auto& item, auto* m) { ToProto(item, m); });
    return absl::OkStatus();
  });
}

::grpc::Status PersonGrpc::ErasePerson(::grpc::ServerContext* ctx,
                                       const v1::ErasePersonRequest* req,
                                       google::protobuf::Empty*) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    return people_.Erase(caller, req->id(), req->expected_version());
  });
}

::grpc::Status PersonGrpc::ExportPerson(::grpc::ServerContext* ctx, const v1::GetPersonRequest* req,
                                        v1::PersonExport* out) {
  return iris::grpc::Answer(*ctx, [&](const identity::Caller& caller) -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto exported, people_.Export(caller, req->id()));
    ToProto(exported, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
