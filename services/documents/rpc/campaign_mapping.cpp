#include "services/documents/rpc/campaign_mapping.hpp"

#include <string>
#include <vector>

#include "libs/proto_values/enum_words.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::documents::rpc {

using proto_values::FromProto;
using proto_values::ToProto;
using proto_values::ValueOf;
using proto_values::WordOf;

namespace {}  // namespace

void ToProto(const domain::Campaign& in, v1::Campaign* out) {
  out->set_id(in.id);
  ToProto(in.name, out->mutable_name());
  out->set_hashtag(in.hashtag);
  out->set_scope(ValueOf<v1::CampaignScope>(in.scope));
  out->set_country(in.country);
  out->set_starts_on(in.starts_on);
  out->set_ends_on(in.ends_on);
  out->set_lead_organization_id(in.lead_organization_id);
  for (const auto& m : in.key_messages) ToProto(m, out->add_key_messages());
  for (const auto& d : in.document_ids) out->add_document_ids(d);
  for (const auto& e : in.event_ids) out->add_event_ids(e);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::CampaignPatch CampaignPatchFromProto(const v1::Campaign& in,
                                             const google::protobuf::FieldMask& fields) {
  domain::CampaignPatch p;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyCampaignField)) {
    if (f == "name") {
      p.name = FromProto(in.name());
    } else if (f == "hashtag") {
      p.hashtag = in.hashtag();
    } else if (f == "scope") {
      p.scope = WordOf(in.scope());
    } else if (f == "country") {
      p.country = in.country();
    } else if (f == "starts_on") {
      p.starts_on = in.starts_on();
    } else if (f == "ends_on") {
      p.ends_on = in.ends_on();
    } else if (f == "lead_organization_id") {
      p.lead_organization_id = in.lead_organization_id();
    } else if (f == "key_messages") {
      std::vector<values::LocalizedText> messages;
      for (const auto& m : in.key_messages()) messages.push_back(FromProto(m));
      p.key_messages = std::move(messages);
    } else if (f == "document_ids") {
      p.document_ids = std::vector<std::string>(in.document_ids().begin(), in.document_ids().end());
    } else if (f == "event_ids") {
      p.event_ids = std::vector<std::string>(in.event_ids().begin(), in.event_ids().end());
    } else if (domain::IsReadOnlyCampaignField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

}  // namespace iris::documents::rpc
