#include "services/membership/rpc/application_mapping.hpp"

#include <set>

#include "libs/proto_values/sent_fields.hpp"
#include "services/membership/rpc/organization_mapping.hpp"
#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {
namespace {

v1::ApplicationStatus StatusToProto(domain::ApplicationStatus s) {
  switch (s) {
    case domain::ApplicationStatus::kSubmitted: return v1::APPLICATION_STATUS_SUBMITTED;
    case domain::ApplicationStatus::kApproved: return v1::APPLICATION_STATUS_APPROVED;
    case domain::ApplicationStatus::kRejected: return v1::APPLICATION_STATUS_REJECTED;
  }
  return v1::APPLICATION_STATUS_UNSPECIFIED;
}

}  // namespace

void ToProto(const domain::MembershipApplication& in, v1::MembershipApplication* out) {
  out->set_id(in.id);
  auto* org = out->mutable_organization();
  org->set_name(in.organization.name);
  org->set_acronym(in.organization.acronym);
  org->set_country(in.organization.country);
  org->set_city(in.organization.city);
  org->set_kind(v1::ORGANIZATION_KIND_MEMBER_CSO);
  for (const auto& g : in.organization.target_groups) org->add_target_groups(g);
  org->set_email(in.organization.email);
  org->set_website(in.organization.website);
  org->set_registration_number(in.organization.registration_number);
  out->mutable_contact()->set_name(in.contact_name);
  out->mutable_contact()->set_email(in.contact_email);
  out->set_motivation(in.motivation);
  out->set_status(StatusToProto(in.status));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  out->set_organization_id(in.organization_id);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::ApplicationSubmission SubmissionFromProto(const v1::MembershipApplication& in,
                                                  const google::protobuf::FieldMask& fields) {
  // Mass assignment: a read-only field holding a value counts as sent, mask or not.
  const std::set<std::string> sent =
      proto_values::SentFields(in, fields, domain::IsReadOnlyApplicationField);
  domain::ApplicationSubmission s;
  for (const auto& f : sent) {
    if (f == "organization") {
      s.organization_sent = true;
      // Same field numbers: the organisation rules read it as an Organization, and with no
      // mask the fields holding a value are what the applicant sent.
      v1::Organization org;
      org.ParseFromString(in.organization().SerializeAsString());
      s.organization = PatchFromProto(org, google::protobuf::FieldMask());
    } else if (f == "contact") {
      s.contact_sent = true;
      s.contact_name = in.contact().name();
      s.contact_email = in.contact().email();
    } else if (f == "motivation") {
      s.motivation = in.motivation();
    } else if (domain::IsReadOnlyApplicationField(f)) {
      s.read_only_sent.push_back(f);
    } else {
      s.unknown_sent.push_back(f);
    }
  }
  return s;
}

}  // namespace iris::membership::rpc
