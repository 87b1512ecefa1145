#include "services/membership/rpc/organization_mapping.hpp"

#include <set>

#include "libs/proto_values/sent_fields.hpp"
#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {
namespace {

v1::OrganizationKind KindToProto(domain::OrganizationKind k) {
  switch (k) {
    case domain::OrganizationKind::kMemberCso: return v1::ORGANIZATION_KIND_MEMBER_CSO;
    case domain::OrganizationKind::kPartner: return v1::ORGANIZATION_KIND_PARTNER;
    case domain::OrganizationKind::kPublicInstitution:
      return v1::ORGANIZATION_KIND_PUBLIC_INSTITUTION;
    case domain::OrganizationKind::kInternationalOrg:
      return v1::ORGANIZATION_KIND_INTERNATIONAL_ORG;
    case domain::OrganizationKind::kMedia: return v1::ORGANIZATION_KIND_MEDIA;
  }
  return v1::ORGANIZATION_KIND_UNSPECIFIED;
}

std::optional<domain::OrganizationKind> KindFromProto(v1::OrganizationKind k) {
  switch (k) {
    case v1::ORGANIZATION_KIND_MEMBER_CSO: return domain::OrganizationKind::kMemberCso;
    case v1::ORGANIZATION_KIND_PARTNER: return domain::OrganizationKind::kPartner;
    case v1::ORGANIZATION_KIND_PUBLIC_INSTITUTION:
      return domain::OrganizationKind::kPublicInstitution;
    case v1::ORGANIZATION_KIND_INTERNATIONAL_ORG:
      return domain::OrganizationKind::kInternationalOrg;
    case v1::ORGANIZATION_KIND_MEDIA: return domain::OrganizationKind::kMedia;
    default: return std::nullopt;
  }
}

v1::OrganizationStatus StatusToProto(domain::OrganizationStatus s) {
  switch (s) {
    case domain::OrganizationStatus::kApplicant: return v1::ORGANIZATION_STATUS_APPLICANT;
    case domain::OrganizationStatus::kActive: return v1::ORGANIZATION_STATUS_ACTIVE;
    case domain::OrganizationStatus::kSuspended: return v1::ORGANIZATION_STATUS_SUSPENDED;
    case domain::OrganizationStatus::kWithdrawn: return v1::ORGANIZATION_STATUS_WITHDRAWN;
  }
  return v1::ORGANIZATION_STATUS_UNSPECIFIED;
}

}  // namespace

void ToProto(const domain::Organization& in, v1::Organization* out) {
  out->set_id(in.id);
  out->set_name(in.name);
  out->set_acronym(in.acronym);
  out->set_country(in.country);
  out->set_city(in.city);
  out->set_kind(KindToProto(in.kind));
  for (const auto& g : in.target_groups) out->add_target_groups(g);
  out->set_email(in.email);
  out->set_website(in.website);
  out->set_registration_number(in.registration_number);
  // No description is null in the API (an unset message), not {}.
  if (!in.description.empty()) ToProto(in.description, out->mutable_description());
  out->set_address(in.address);
  out->set_phone(in.phone);
  out->set_logo_url(in.logo_url);
  for (const auto& c : in.contacts) {
    auto* contact = out->add_contacts();
    contact->set_name(c.name);
    contact->set_role(c.role);
    contact->set_email(c.email);
  }
  out->set_status(StatusToProto(in.status));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  out->set_joined_at(in.joined_at);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::OrganizationPatch PatchFromProto(const v1::Organization& in,
                                         const google::protobuf::FieldMask& fields) {
  // Mass assignment: a read-only field holding a value counts as sent, mask or not.
  const std::set<std::string> sent = proto_values::SentFields(in, fields, domain::IsReadOnlyField);
  domain::OrganizationPatch p;
  for (const auto& f : sent) {
    if (f == "name")
      p.name = in.name();
    else if (f == "acronym")
      p.acronym = in.acronym();
    else if (f == "country")
      p.country = in.country();
    else if (f == "city")
      p.city = in.city();
    else if (f == "kind") {
      p.kind = KindFromProto(in.kind());
      p.kind_sent = true;
    } else if (f == "target_groups") {
      p.target_groups.emplace(in.target_groups().begin(), in.target_groups().end());
    } else if (f == "email")
      p.email = in.email();
    else if (f == "website")
      p.website = in.website();
    else if (f == "registration_number")
      p.registration_number = in.registration_number();
    else if (f == "description")
      p.description = FromProto(in.description());
    else if (f == "address")
      p.address = in.address();
    else if (f == "phone")
      p.phone = in.phone();
    else if (f == "logo_url")
      p.logo_url = in.logo_url();
    else if (domain::IsReadOnlyField(f))
      p.read_only_sent.push_back(f);
    else
      p.unknown_sent.push_back(f);
  }
  return p;
}

}  // namespace iris::membership::rpc
