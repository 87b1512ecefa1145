#include "services/membership/rpc/person_grpc.hpp"

#include "libs/grpc/answer.hpp"
#include "libs/status/status.hpp"
#include "services/membership/rpc/organization_mapping.hpp"
#include "services/membership/rpc/person_mapping.hpp"

namespace iris::membership::rpc {

::grpc::Status PeopleGrpc::CreatePerson(::grpc::ServerContext* ctx,
                                        const v1::CreatePersonRequest* req, v1::Person* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto person,
                          people_.Create(RequesterOf(iris::grpc::CallerOf(*ctx)),
                                         req->organization_id(),
                                         PatchFromProto(req->person(), req->fields())));
    ToProto(person, out);
    return absl::OkStatus();
  });
}

::grpc::Status PeopleGrpc::GetPerson(::grpc::ServerContext* ctx, const v1::GetPersonRequest* req,
                                     v1::Person* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto person,
                          people_.Get(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id()));
    ToProto(person, out);
    return absl::OkStatus();
  });
}

::grpc::Status PeopleGrpc::UpdatePerson(::grpc::ServerContext* ctx,
                                        const v1::UpdatePersonRequest* req, v1::Person* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto person,
                          people_.Update(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id(),
                                         PatchFromProto(req->person(), req->fields()),
                                         req->expected_version()));
    ToProto(person, out);
    return absl::OkStatus();
  });
}

::grpc::Status PeopleGrpc::ListPeople(::grpc::ServerContext* ctx,
                                      const v1::ListPeopleRequest* req,
                                      v1::ListPeopleResponse* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto page, people_.List(RequesterOf(iris::grpc::CallerOf(*ctx)),
                                                  req->organization_id(), req->page().limit(),
                                                  req->page().cursor()));
    for (const auto& p : page.items) ToProto(p, out->add_items());
    out->mutable_page()->set_next_cursor(page.next_cursor);
    return absl::OkStatus();
  });
}

::grpc::Status PeopleGrpc::ErasePerson(::grpc::ServerContext* ctx,
                                       const v1::ErasePersonRequest* req,
                                       google::protobuf::Empty*) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    return people_.Erase(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id(),
                         req->expected_version());
  });
}

::grpc::Status PeopleGrpc::ExportPerson(::grpc::ServerContext* ctx,
                                        const v1::GetPersonRequest* req,
                                        v1::PersonExport* out) {
  return iris::grpc::Answer(*ctx, [&]() -> absl::Status {
    IRIS_ASSIGN_OR_RETURN(auto exported,
                          people_.Export(RequesterOf(iris::grpc::CallerOf(*ctx)), req->id()));
    ToProto(exported, out);
    return absl::OkStatus();
  });
}

}  // namespace iris::membership::rpc
