#include "services/events/rpc/event_mapping.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "libs/proto_values/enum_words.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::events::rpc {

using proto_values::FromProto;
using proto_values::ToProto;
using proto_values::ValueOf;
using proto_values::WordOf;

namespace {

std::optional<values::Time> TimeOf(bool has, const google::protobuf::Timestamp& t) {
  if (!has) return std::nullopt;
  return FromProto(t);
}

}  // namespace

void ToProto(const domain::Event& in, v1::Event* out) {
  out->set_id(in.id);
  out->set_kind(ValueOf<v1::EventKind>(in.kind));
  ToProto(in.title, out->mutable_title());
  // An empty map is null in the API (an unset message), not {}.
  if (!in.description.empty()) ToProto(in.description, out->mutable_description());
  out->set_edition(in.edition);
  if (!in.theme.empty()) ToProto(in.theme, out->mutable_theme());
  out->set_format(ValueOf<v1::EventFormat>(in.format));
  if (!in.venue.empty() || !in.city.empty() || !in.location_country.empty()) {
    auto* l = out->mutable_location();
    l->set_venue(in.venue);
    l->set_city(in.city);
    l->set_country(in.location_country);
  }
  out->set_online_url(in.online_url);
  ToProto(in.starts_at, out->mutable_starts_at());
  ToProto(in.ends_at, out->mutable_ends_at());
  out->set_timezone(in.timezone);
  for (const auto& l : in.languages) out->add_languages(l);
  if (!in.language_requirement.empty()) {
    ToProto(in.language_requirement, out->mutable_language_requirement());
  }
  if (in.capacity) out->set_capacity(*in.capacity);
  out->set_audience(ValueOf<v1::EventAudience>(in.audience));
  out->set_country(in.country);
  out->set_host_organization_id(in.host_organization_id);
  for (const auto& p : in.partner_organization_ids) out->add_partner_organization_ids(p);
  auto* w = out->mutable_registration();
  w->set_mode(ValueOf<v1::RegistrationMode>(in.registration_mode));
  if (in.registration_opens_at) ToProto(*in.registration_opens_at, w->mutable_opens_at());
  if (in.registration_closes_at) ToProto(*in.registration_closes_at, w->mutable_closes_at());
  w->set_closes_on(domain::RegistrationClosesOn(in));
  out->set_certificate_threshold(in.certificate_threshold);
  out->set_status(ValueOf<v1::EventStatus>(std::string(domain::EventStatusWord(in.status))));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  auto* places = out->mutable_places();
  places->set_taken(in.taken);
  places->set_waitlisted(in.waitlisted);
  places->set_submitted(in.submitted);
  if (in.capacity) places->set_available(std::max(0, *in.capacity - in.taken));
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::Session& in, v1::Session* out) {
  out->set_id(in.id);
  out->set_event_id(in.event_id);
  ToProto(in.title, out->mutable_title());
  if (!in.description.empty()) ToProto(in.description, out->mutable_description());
  ToProto(in.starts_at, out->mutable_starts_at());
  ToProto(in.ends_at, out->mutable_ends_at());
  for (const auto& s : in.speakers) {
    auto* speaker = out->add_speakers();
    speaker->set_name(s.name);
    speaker->set_organization(s.organization);
  }
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::EventPatch EventPatchFromProto(const v1::Event& in,
                                       const google::protobuf::FieldMask& fields) {
  domain::EventPatch p;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyEventField)) {
    if (f == "kind") {
      p.kind = WordOf(in.kind());
    } else if (f == "title") {
      p.title = FromProto(in.title());
    } else if (f == "description") {
      p.description = FromProto(in.description());
    } else if (f == "edition") {
      p.edition = in.edition();
    } else if (f == "theme") {
      p.theme = FromProto(in.theme());
    } else if (f == "format") {
      p.format = WordOf(in.format());
    } else if (f == "location") {
      if (in.has_location()) {
        p.location = domain::LocationInput{in.location().venue(), in.location().city(),
                                           in.location().country()};
      } else {
        p.location = std::optional<domain::LocationInput>();
      }
    } else if (f == "online_url") {
      p.online_url = in.online_url();
    } else if (f == "starts_at") {
      p.starts_at = TimeOf(in.has_starts_at(), in.starts_at());
    } else if (f == "ends_at") {
      p.ends_at = TimeOf(in.has_ends_at(), in.ends_at());
    } else if (f == "timezone") {
      p.timezone = in.timezone();
    } else if (f == "languages") {
      p.languages.emplace(in.languages().begin(), in.languages().end());
    } else if (f == "language_requirement") {
      p.language_requirement = FromProto(in.language_requirement());
    } else if (f == "capacity") {
      p.capacity = in.has_capacity() ? std::optional<int>(in.capacity()) : std::nullopt;
    } else if (f == "audience") {
      p.audience = WordOf(in.audience());
    } else if (f == "country") {
      p.country = in.country();
    } else if (f == "host_organization_id") {
      p.host_organization_id = in.host_organization_id();
    } else if (f == "partner_organization_ids") {
      p.partner_organization_ids.emplace(in.partner_organization_ids().begin(),
                                         in.partner_organization_ids().end());
    } else if (f == "registration") {
      const auto& w = in.registration();
      p.registration = domain::WindowInput{.mode = WordOf(w.mode()),
                                           .opens_at = TimeOf(w.has_opens_at(), w.opens_at()),
                                           .closes_at = TimeOf(w.has_closes_at(), w.closes_at()),
                                           .closes_on = w.closes_on()};
    } else if (f == "certificate_threshold") {
      p.certificate_threshold = in.certificate_threshold();
    } else if (domain::IsReadOnlyEventField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

domain::SessionInput SessionInputFromProto(const v1::Session& in,
                                           const google::protobuf::FieldMask& fields) {
  domain::SessionInput s;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlySessionField)) {
    if (f == "title") {
      s.title = FromProto(in.title());
    } else if (f == "description") {
      s.description = FromProto(in.description());
    } else if (f == "starts_at") {
      s.starts_at = TimeOf(in.has_starts_at(), in.starts_at());
    } else if (f == "ends_at") {
      s.ends_at = TimeOf(in.has_ends_at(), in.ends_at());
    } else if (f == "speakers") {
      std::vector<domain::Speaker> speakers;
      for (const auto& sp : in.speakers()) speakers.push_back({sp.name(), sp.organization()});
      s.speakers = std::move(speakers);
    } else if (domain::IsReadOnlySessionField(f)) {
      s.read_only_sent.push_back(f);
    } else {
      s.unknown_sent.push_back(f);
    }
  }
  return s;
}

}  // namespace iris::events::rpc
