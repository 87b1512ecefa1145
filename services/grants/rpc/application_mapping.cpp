#include "services/grants/rpc/application_mapping.hpp"

#include <set>
#include <string>
#include <vector>

#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::grants::rpc {
namespace {

v1::ApplicationStatus StatusToProto(domain::ApplicationStatus s) {
  switch (s) {
    case domain::ApplicationStatus::kDraft: return v1::APPLICATION_STATUS_DRAFT;
    case domain::ApplicationStatus::kSubmitted: return v1::APPLICATION_STATUS_SUBMITTED;
    case domain::ApplicationStatus::kUnderReview: return v1::APPLICATION_STATUS_UNDER_REVIEW;
    case domain::ApplicationStatus::kAwarded: return v1::APPLICATION_STATUS_AWARDED;
    case domain::ApplicationStatus::kRejected: return v1::APPLICATION_STATUS_REJECTED;
    case domain::ApplicationStatus::kWithdrawn: return v1::APPLICATION_STATUS_WITHDRAWN;
  }
  return v1::APPLICATION_STATUS_UNSPECIFIED;
}

void MoneyToProto(const values::Money& m, iris::common::v1::Money* out) {
  proto_values::ToProto(m, out);
}

}  // namespace

void ToProto(const domain::Application& in, v1::GrantApplication* out) {
  out->set_id(in.id);
  out->set_call_id(in.call_id);
  out->set_organization_id(in.organization_id);
  out->set_organization_name(in.organization_name);
  out->set_country(in.country);
  out->set_project_title(in.project_title);
  out->set_summary(in.summary);
  MoneyToProto(in.requested, out->mutable_requested());
  out->set_duration_months(in.duration_months);
  for (const auto& l : in.budget_lines) {
    auto* line = out->add_budget_lines();
    line->set_category(l.category);
    line->set_description(l.description);
    MoneyToProto(l.amount, line->mutable_amount());
  }
  out->set_status(StatusToProto(in.status));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) {
    proto_values::ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  }
  if (in.submitted_at) proto_values::ToProto(*in.submitted_at, out->mutable_submitted_at());
  if (in.score_hundredths) out->set_score(domain::ScoreValue(*in.score_hundredths));
  out->set_review_count(in.review_count);
  out->set_grant_id(in.grant_id);
  out->set_version(in.version);
  proto_values::ToProto(in.created_at, out->mutable_created_at());
  proto_values::ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const domain::ReviewerAssignment& in, v1::ReviewerAssignment* out) {
  out->set_application_id(in.application_id);
  out->set_reviewer_id(in.reviewer_id);
  out->set_reviewer_name(in.reviewer_name);
  proto_values::ToProto(in.assigned_at, out->mutable_assigned_at());
  out->set_reviewed(in.reviewed);
}

void ToProto(const domain::Review& in, v1::Review* out) {
  out->set_id(in.id);
  out->set_application_id(in.application_id);
  out->set_reviewer_id(in.reviewer_id);
  for (const auto& [key, value] : in.scores) (*out->mutable_scores())[key] = value;
  out->set_comment(in.comment);
  out->set_score(domain::ScoreValue(in.score_hundredths));
  out->set_version(in.version);
  proto_values::ToProto(in.created_at, out->mutable_created_at());
  proto_values::ToProto(in.updated_at, out->mutable_updated_at());
}

void ToProto(const app::RankedApplication& in, v1::RankedApplication* out) {
  const auto& a = in.application;
  out->set_rank(in.rank);
  out->set_application_id(a.id);
  out->set_organization_id(a.organization_id);
  out->set_organization_name(a.organization_name);
  out->set_country(a.country);
  if (a.score_hundredths) out->set_score(domain::ScoreValue(*a.score_hundredths));
  out->set_review_count(a.review_count);
  MoneyToProto(a.requested, out->mutable_requested());
  out->set_status(StatusToProto(a.status));
}

domain::ApplicationPatch ApplicationPatchFromProto(const v1::GrantApplication& in,
                                                   const google::protobuf::FieldMask& fields) {
  domain::ApplicationPatch p;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyApplicationField)) {
    if (f == "organization_id") {
      p.organization_id = in.organization_id();
    } else if (f == "project_title") {
      p.project_title = in.project_title();
    } else if (f == "summary") {
      p.summary = in.summary();
    } else if (f == "requested") {
      p.requested = proto_values::FromProto(in.requested());
    } else if (f == "duration_months") {
      p.duration_months = in.duration_months();
    } else if (f == "budget_lines") {
      std::vector<domain::BudgetLine> lines;
      for (const auto& l : in.budget_lines()) {
        lines.push_back({l.category(), l.description(), proto_values::FromProto(l.amount())});
      }
      p.budget_lines = std::move(lines);
    } else if (domain::IsReadOnlyApplicationField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

domain::ReviewSubmission ReviewSubmissionFromProto(const v1::Review& in,
                                                   const google::protobuf::FieldMask& fields) {
  domain::ReviewSubmission s;
  for (const auto& f : proto_values::SentFields(in, fields, domain::IsReadOnlyReviewField)) {
    if (f == "scores") {
      std::map<std::string, int64_t> scores;
      for (const auto& [key, value] : in.scores()) scores[key] = value;
      s.scores = std::move(scores);
    } else if (f == "comment") {
      s.comment = in.comment();
    } else if (domain::IsReadOnlyReviewField(f)) {
      s.read_only_sent.push_back(f);
    } else {
      s.unknown_sent.push_back(f);
    }
  }
  return s;
}

}  // namespace iris::grants::rpc
