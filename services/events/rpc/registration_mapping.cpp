#include "services/events/rpc/registration_mapping.hpp"

#include <set>
#include <string>
#include <vector>

#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::events::rpc {
namespace {

v1::RegistrationStatus StatusToProto(domain::RegistrationStatus s) {
  using S = domain::RegistrationStatus;
  switch (s) {
    case S::kSubmitted: return v1::REGISTRATION_STATUS_SUBMITTED;
    case S::kSelected: return v1::REGISTRATION_STATUS_SELECTED;
    case S::kWaitlisted: return v1::REGISTRATION_STATUS_WAITLISTED;
    case S::kRejected: return v1::REGISTRATION_STATUS_REJECTED;
    case S::kConfirmed: return v1::REGISTRATION_STATUS_CONFIRMED;
    case S::kCancelled: return v1::REGISTRATION_STATUS_CANCELLED;
  }
  return v1::REGISTRATION_STATUS_UNSPECIFIED;
}

}  // namespace

void ToProto(const domain::Registration& in, v1::Registration* out) {
  out->set_id(in.id);
  out->set_event_id(in.event_id);
  out->mutable_person()->set_name(in.person_name);
  out->mutable_person()->set_email(in.person_email);
  out->set_organization_id(in.organization_id);
  out->set_motivation(in.motivation);
  out->set_status(StatusToProto(in.status));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) {
    proto_values::ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  }
  for (const auto& d : in.attended_days) out->add_attended_days(d);
  out->set_certificate_code(in.certificate_code);
  out->set_version(in.version);
  proto_values::ToProto(in.created_at, out->mutable_created_at());
  proto_values::ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const storage::Certificate& in, v1::Certificate* out) {
  out->set_code(in.code);
  out->set_participant_name(in.participant_name);
  proto_values::ToProto(in.event_title, out->mutable_event_title());
  out->set_starts_on(in.starts_on);
  out->set_ends_on(in.ends_on);
}

domain::RegistrationPatch RegistrationPatchFromProto(const v1::Registration& in,
                                                     const google::protobuf::FieldMask& fields) {
  domain::RegistrationPatch p;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyRegistrationField)) {
    if (f == "person") {
      p.person_name = in.person().name();
      p.person_email = in.person().email();
    } else if (f == "organization_id") {
      p.organization_id = in.organization_id();
    } else if (f == "motivation") {
      p.motivation = in.motivation();
    } else if (domain::IsReadOnlyRegistrationField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

}  // namespace iris::events::rpc
