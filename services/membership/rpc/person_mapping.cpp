#include "services/membership/rpc/person_mapping.hpp"

#include <set>

#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {

void ToProto(const domain::Person& in, v1::Person* out) {
  out->set_id(in.id);
  out->set_organization_id(in.organization_id);
  out->set_name(in.name);
  out->set_email(in.email);
  out->set_phone(in.phone);
  out->set_role(in.role);
  for (const auto& l : in.languages) out->add_languages(l);
  out->mutable_consent()->set_directory(in.consent.directory);
  out->mutable_consent()->set_newsletter(in.consent.newsletter);
  if (in.consent_given_at) ToProto(*in.consent_given_at, out->mutable_consent_given_at());
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const app::PersonExport& in, v1::PersonExport* out) {
  ToProto(in.person, out->mutable_person());
  out->set_organization_name(in.organization_name);
  ToProto(in.exported_at, out->mutable_exported_at());
}

domain::PersonPatch PatchFromProto(const v1::Person& in,
                                   const google::protobuf::FieldMask& fields) {
  std::vector<const google::protobuf::FieldDescriptor*> set;
  in.GetReflection()->ListFields(in, &set);
  std::set<std::string> sent;
  for (const auto* f : set) sent.insert(f->name());
  if (fields.paths_size() > 0) {
    std::set<std::string> named(fields.paths().begin(), fields.paths().end());
    for (const auto& f : sent) {
      if (domain::IsReadOnlyPersonField(f)) named.insert(f);
    }
    sent = std::move(named);
  }
  domain::PersonPatch p;
  for (const auto& f : sent) {
    if (f == "name")
      p.name = in.name();
    else if (f == "email")
      p.email = in.email();
    else if (f == "phone")
      p.phone = in.phone();
    else if (f == "role")
      p.role = in.role();
    else if (f == "languages")
      p.languages.emplace(in.languages().begin(), in.languages().end());
    else if (f == "consent")
      p.consent = domain::Consent{in.consent().directory(), in.consent().newsletter()};
    else if (domain::IsReadOnlyPersonField(f))
      p.read_only_sent.push_back(f);
    else
      p.unknown_sent.push_back(f);
  }
  return p;
}

}  // namespace iris::membership::rpc
