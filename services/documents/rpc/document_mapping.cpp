#include "services/documents/rpc/document_mapping.hpp"

#include <string>

#include "absl/strings/ascii.h"
#include "libs/proto_values/enum_words.hpp"
#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"
#include "services/documents/domain/document_access.hpp"
#include "services/documents/rpc/file_mapping.hpp"

namespace iris::documents::rpc {

using proto_values::FromProto;
using proto_values::Strings;
using proto_values::ToProto;
using proto_values::ValueOf;
using proto_values::WordOf;

namespace {}  // namespace

void ToProto(const domain::Document& in, const identity::Caller& caller, v1::Document* out) {
  out->set_id(in.id);
  out->set_kind(ValueOf<v1::DocumentKind>(in.kind));
  ToProto(in.title, out->mutable_title());
  // An empty map is null in the API (an unset message), not {}.
  if (!in.summary.empty()) ToProto(in.summary, out->mutable_summary());
  for (const auto& c : in.countries) out->add_countries(c);
  for (const auto& t : in.topics) out->add_topics(t);
  for (const auto& l : in.languages) out->add_languages(l);
  for (const auto& o : in.organization_ids) out->add_organization_ids(o);
  for (const auto& a : in.authors) out->add_authors(a);
  out->set_status(ValueOf<v1::DocumentStatus>(std::string(domain::DocumentStatusWord(in.status))));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  if (in.published_at) ToProto(*in.published_at, out->mutable_published_at());
  out->set_current_version(domain::CurrentVersionFor(caller, in));
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::Version& in, const domain::Document& of, v1::Version* out) {
  out->set_document_id(in.document_id);
  out->set_number(in.number);
  out->set_change_note(in.change_note);
  for (const auto& f : in.files) ToProto(f, out->add_files());
  out->set_published(in.published_at.has_value());
  out->set_sealed(domain::IsSealed(in, of));
  ToProto(in.created_at, out->mutable_created_at());
  if (in.published_at) ToProto(*in.published_at, out->mutable_published_at());
}

void ToProto(const std::vector<storage::FacetCount>& in, v1::Facets* out) {
  for (const auto& f : in) {
    v1::FacetValue* v = nullptr;
    if (f.facet == "kind") {
      v = out->add_kind();
    } else if (f.facet == "country") {
      v = out->add_country();
    } else if (f.facet == "year") {
      v = out->add_year();
    } else if (f.facet == "topic") {
      v = out->add_topic();
    }
    if (v == nullptr) continue;
    v->set_value(f.value);
    v->set_count(f.count);
  }
}

domain::DocumentPatch DocumentPatchFromProto(const v1::Document& in,
                                             const google::protobuf::FieldMask& fields) {
  domain::DocumentPatch p;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyDocumentField)) {
    if (f == "kind") {
      p.kind = WordOf(in.kind());
    } else if (f == "title") {
      p.title = FromProto(in.title());
    } else if (f == "summary") {
      p.summary = FromProto(in.summary());
    } else if (f == "countries") {
      p.countries = Strings(in.countries());
    } else if (f == "topics") {
      p.topics = Strings(in.topics());
    } else if (f == "languages") {
      p.languages = Strings(in.languages());
    } else if (f == "organization_ids") {
      p.organization_ids = Strings(in.organization_ids());
    } else if (f == "authors") {
      p.authors = Strings(in.authors());
    } else if (domain::IsReadOnlyDocumentField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

}  // namespace iris::documents::rpc
