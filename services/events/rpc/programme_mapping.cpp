#include "services/events/rpc/programme_mapping.hpp"

#include <string>

#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::events::rpc {

using proto_values::FromProto;
using proto_values::SentFields;
using proto_values::ToProto;

namespace {

v1::ProgrammeKind KindToProto(domain::ProgrammeKind k) {
  switch (k) {
    case domain::ProgrammeKind::kTraineeship: return v1::PROGRAMME_KIND_TRAINEESHIP;
    case domain::ProgrammeKind::kMentoring: return v1::PROGRAMME_KIND_MENTORING;
  }
  return v1::PROGRAMME_KIND_UNSPECIFIED;
}

// The API word of a kind as sent; "" for none (the rules call it required).
std::string KindWord(v1::ProgrammeKind k) {
  switch (k) {
    case v1::PROGRAMME_KIND_TRAINEESHIP: return "traineeship";
    case v1::PROGRAMME_KIND_MENTORING: return "mentoring";
    default: return "";
  }
}

void PersonToProto(const domain::Person& in, v1::Person* out) {
  out->set_name(in.name);
  out->set_email(in.email);
}

domain::Person PersonOf(const v1::Person& in) { return {in.name(), in.email()}; }

}  // namespace

void ToProto(const domain::Programme& in, v1::Programme* out) {
  out->set_id(in.id);
  out->set_kind(KindToProto(in.kind));
  ToProto(in.name, out->mutable_name());
  // No description is null in the API (an unset message), not {}.
  if (!in.description.empty()) ToProto(in.description, out->mutable_description());
  out->set_starts_on(in.starts_on);
  out->set_ends_on(in.ends_on);
  out->set_placements(in.placements);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::Placement& in, v1::Placement* out) {
  out->set_id(in.id);
  out->set_programme_id(in.programme_id);
  out->set_kind(KindToProto(in.kind));
  out->set_organization_id(in.organization_id);
  out->set_country(in.country);
  if (in.kind == domain::ProgrammeKind::kTraineeship) {
    PersonToProto(in.trainee, out->mutable_trainee());
    out->set_host_organization(in.host_organization);
    out->set_starts_on(in.starts_on);
    out->set_ends_on(in.ends_on);
  } else {
    PersonToProto(in.mentor, out->mutable_mentor());
    out->set_topic(in.topic);
    out->set_outcome(in.outcome);
  }
  out->set_session_count(in.session_count);
  out->set_total_minutes(in.total_minutes);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::MentoringSession& in, v1::MentoringSession* out) {
  out->set_id(in.id);
  out->set_date(in.date);
  out->set_minutes(in.minutes);
  out->set_note(in.note);
  ToProto(in.created_at, out->mutable_created_at());
}

domain::ProgrammePatch ProgrammePatchFromProto(const v1::Programme& in,
                                               const google::protobuf::FieldMask& fields) {
  domain::ProgrammePatch p;
  for (const auto& f : SentFields(in, fields, domain::IsReadOnlyProgrammeField)) {
    if (f == "kind") {
      p.kind = KindWord(in.kind());
    } else if (f == "name") {
      p.name = FromProto(in.name());
    } else if (f == "description") {
      p.description = FromProto(in.description());
    } else if (f == "starts_on") {
      p.starts_on = in.starts_on();
    } else if (f == "ends_on") {
      p.ends_on = in.ends_on();
    } else if (domain::IsReadOnlyProgrammeField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

domain::PlacementPatch PlacementPatchFromProto(const v1::Placement& in,
                                               const google::protobuf::FieldMask& fields) {
  domain::PlacementPatch p;
  for (const auto& f : SentFields(in, fields, domain::IsReadOnlyPlacementField)) {
    if (f == "organization_id") {
      p.organization_id = in.organization_id();
    } else if (f == "trainee") {
      p.trainee = PersonOf(in.trainee());
    } else if (f == "host_organization") {
      p.host_organization = in.host_organization();
    } else if (f == "starts_on") {
      p.starts_on = in.starts_on();
    } else if (f == "ends_on") {
      p.ends_on = in.ends_on();
    } else if (f == "mentor") {
      p.mentor = PersonOf(in.mentor());
    } else if (f == "topic") {
      p.topic = in.topic();
    } else if (f == "outcome") {
      p.outcome = in.outcome();
    } else if (domain::IsReadOnlyPlacementField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

domain::MentoringSessionPatch MentoringSessionPatchFromProto(
    const v1::MentoringSession& in, const google::protobuf::FieldMask& fields) {
  const auto read_only = [](std::string_view f) { return f == "id" || f == "created_at"; };
  domain::MentoringSessionPatch p;
  for (const auto& f : SentFields(in, fields, read_only)) {
    if (f == "date") {
      p.date = in.date();
    } else if (f == "minutes") {
      p.minutes = in.minutes();
    } else if (f == "note") {
      p.note = in.note();
    } else if (read_only(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

}  // namespace iris::events::rpc
