#include "services/grants/rpc/award_mapping.hpp"

#include <set>
#include <string>
#include <vector>

#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::grants::rpc {

using proto_values::FromProto;
using proto_values::ToProto;

namespace {

v1::ReportKind KindToProto(domain::ReportKind k) {
  return k == domain::ReportKind::kFinal ? v1::REPORT_KIND_FINAL : v1::REPORT_KIND_INTERIM;
}

std::optional<domain::ReportKind> KindFromProto(v1::ReportKind k) {
  switch (k) {
    case v1::REPORT_KIND_INTERIM: return domain::ReportKind::kInterim;
    case v1::REPORT_KIND_FINAL: return domain::ReportKind::kFinal;
    default: return std::nullopt;
  }
}

v1::TrancheStatus TrancheStatusToProto(domain::TrancheStatus s) {
  switch (s) {
    case domain::TrancheStatus::kPlanned: return v1::TRANCHE_STATUS_PLANNED;
    case domain::TrancheStatus::kPaid: return v1::TRANCHE_STATUS_PAID;
    case domain::TrancheStatus::kCancelled: return v1::TRANCHE_STATUS_CANCELLED;
  }
  return v1::TRANCHE_STATUS_UNSPECIFIED;
}

v1::ReportStatus ReportStatusToProto(domain::ReportStatus s) {
  switch (s) {
    case domain::ReportStatus::kSubmitted: return v1::REPORT_STATUS_SUBMITTED;
    case domain::ReportStatus::kAccepted: return v1::REPORT_STATUS_ACCEPTED;
    case domain::ReportStatus::kReturned: return v1::REPORT_STATUS_RETURNED;
  }
  return v1::REPORT_STATUS_UNSPECIFIED;
}

}  // namespace

void ToProto(const domain::Grant& in, v1::Grant* out) {
  out->set_id(in.id);
  out->set_application_id(in.application_id);
  out->set_call_id(in.call_id);
  out->set_organization_id(in.organization_id);
  out->set_organization_name(in.organization_name);
  out->set_country(in.country);
  out->set_project_title(in.project_title);
  ToProto(in.amount, out->mutable_amount());
  out->set_contract_number(in.contract_number);
  out->set_starts_on(domain::DateText(in.starts_on));
  out->set_ends_on(domain::DateText(in.ends_on));
  ToProto(in.awarded_at, out->mutable_awarded_at());
  ToProto(values::Money{in.paid, in.amount.currency}, out->mutable_paid());
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::Tranche& in, v1::Tranche* out) {
  out->set_id(in.id);
  out->set_grant_id(in.grant_id);
  ToProto(in.amount, out->mutable_amount());
  out->set_due_on(domain::DateText(in.due_on));
  if (in.requires_report) out->set_requires_report(KindToProto(*in.requires_report));
  out->set_status(TrancheStatusToProto(in.status));
  if (in.paid_on) out->set_paid_on(domain::DateText(*in.paid_on));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::Report& in, v1::GrantReport* out) {
  out->set_id(in.id);
  out->set_grant_id(in.grant_id);
  out->set_kind(KindToProto(in.kind));
  out->set_narrative(in.narrative);
  ToProto(in.spent, out->mutable_spent());
  out->set_status(ReportStatusToProto(in.status));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  ToProto(in.submitted_at, out->mutable_submitted_at());
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::AwardInput AwardInputFromProto(const v1::Grant& in,
                                       const google::protobuf::FieldMask& fields) {
  domain::AwardInput out;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyGrantField)) {
    if (f == "amount") {
      out.amount = FromProto(in.amount());
    } else if (f == "starts_on") {
      out.starts_on = in.starts_on();
    } else if (f == "ends_on") {
      out.ends_on = in.ends_on();
    } else if (domain::IsReadOnlyGrantField(f)) {
      out.read_only_sent.push_back(f);
    } else {
      out.unknown_sent.push_back(f);
    }
  }
  return out;
}

domain::TrancheInput TrancheInputFromProto(const v1::Tranche& in,
                                           const google::protobuf::FieldMask& fields) {
  domain::TrancheInput out;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyTrancheField)) {
    if (f == "amount") {
      out.amount = FromProto(in.amount());
    } else if (f == "due_on") {
      out.due_on = in.due_on();
    } else if (f == "requires_report") {
      out.requires_report = KindFromProto(in.requires_report());
    } else if (domain::IsReadOnlyTrancheField(f)) {
      out.read_only_sent.push_back(f);
    } else {
      out.unknown_sent.push_back(f);
    }
  }
  return out;
}

domain::ReportInput ReportInputFromProto(const v1::GrantReport& in,
                                         const google::protobuf::FieldMask& fields) {
  domain::ReportInput out;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyReportField)) {
    if (f == "kind") {
      out.kind_sent = true;
      out.kind = KindFromProto(in.kind());
    } else if (f == "narrative") {
      out.narrative = in.narrative();
    } else if (f == "spent") {
      out.spent = FromProto(in.spent());
    } else if (domain::IsReadOnlyReportField(f)) {
      out.read_only_sent.push_back(f);
    } else {
      out.unknown_sent.push_back(f);
    }
  }
  return out;
}

}  // namespace iris::grants::rpc
