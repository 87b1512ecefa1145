#include "services/grants/rpc/call_mapping.hpp"

#include <set>
#include <string>
#include <vector>

#include "libs/proto_values/proto_values.hpp"
#include "libs/proto_values/sent_fields.hpp"

namespace iris::grants::rpc {

using proto_values::FromProto;
using proto_values::ToProto;

namespace {

v1::CallStatus StatusToProto(domain::CallStatus s) {
  switch (s) {
    case domain::CallStatus::kDraft: return v1::CALL_STATUS_DRAFT;
    case domain::CallStatus::kOpen: return v1::CALL_STATUS_OPEN;
    case domain::CallStatus::kClosed: return v1::CALL_STATUS_CLOSED;
    case domain::CallStatus::kAwarded: return v1::CALL_STATUS_AWARDED;
    case domain::CallStatus::kArchived: return v1::CALL_STATUS_ARCHIVED;
  }
  return v1::CALL_STATUS_UNSPECIFIED;
}

void MoneyToProto(int64_t amount, const std::string& currency, iris::common::v1::Money* out) {
  ToProto(values::Money{.amount = amount, .currency = currency}, out);
}

domain::MoneyInput MoneyInputOf(bool has, const iris::common::v1::Money& m) {
  if (!has) return std::nullopt;
  return FromProto(m);
}

std::optional<values::Time> TimeOf(bool has, const google::protobuf::Timestamp& t) {
  if (!has) return std::nullopt;
  return FromProto(t);
}

}  // namespace

void ToProto(const domain::GrantCall& in, v1::GrantCall* out) {
  out->set_id(in.id);
  ToProto(in.title, out->mutable_title());
  // No description is null in the API (an unset message), not {}.
  if (!in.description.empty()) ToProto(in.description, out->mutable_description());
  ToProto(in.opens_at, out->mutable_opens_at());
  ToProto(in.closes_at, out->mutable_closes_at());
  out->set_closes_on(domain::ClosesOn(in));
  out->set_timezone(in.timezone);
  MoneyToProto(in.budget, in.currency, out->mutable_budget());
  MoneyToProto(in.max_award, in.currency, out->mutable_max_award());
  for (const auto& c : in.eligible_countries) out->add_eligible_countries(c);
  for (const auto& a : in.allocations) {
    auto* allocation = out->add_country_allocations();
    allocation->set_country(a.country);
    MoneyToProto(a.amount, in.currency, allocation->mutable_amount());
  }
  for (const auto& c : in.criteria) {
    auto* criterion = out->add_criteria();
    criterion->set_key(c.key);
    ToProto(c.name, criterion->mutable_name());
    criterion->set_weight(c.weight);
  }
  out->set_status(StatusToProto(in.status));
  out->set_status_note(in.status_note);
  if (in.status_changed_at) ToProto(*in.status_changed_at, out->mutable_status_changed_at());
  MoneyToProto(in.awarded, in.currency, out->mutable_awarded());
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::CallPatch CallPatchFromProto(const v1::GrantCall& in,
                                     const google::protobuf::FieldMask& fields) {
  // Mass assignment: a read-only field holding a value counts as sent, mask or not.
  const std::set<std::string> sent =
      proto_values::SentFields(in, fields, domain::IsReadOnlyCallField);
  domain::CallPatch p;
  for (const auto& f : sent) {
    if (f == "title") {
      p.title = FromProto(in.title());
    } else if (f == "description") {
      p.description = FromProto(in.description());
    } else if (f == "opens_at") {
      p.opens_at = TimeOf(in.has_opens_at(), in.opens_at());
    } else if (f == "closes_at") {
      p.closes_at = TimeOf(in.has_closes_at(), in.closes_at());
    } else if (f == "closes_on") {
      p.closes_on = in.closes_on();
    } else if (f == "timezone") {
      p.timezone = in.timezone();
    } else if (f == "budget") {
      p.budget = MoneyInputOf(in.has_budget(), in.budget());
    } else if (f == "max_award") {
      p.max_award = MoneyInputOf(in.has_max_award(), in.max_award());
    } else if (f == "eligible_countries") {
      p.eligible_countries.emplace(in.eligible_countries().begin(), in.eligible_countries().end());
    } else if (f == "country_allocations") {
      std::vector<domain::AllocationInput> allocations;
      for (const auto& a : in.country_allocations()) {
        allocations.push_back(
            {.country = a.country(), .amount = MoneyInputOf(a.has_amount(), a.amount())});
      }
      p.allocations = std::move(allocations);
    } else if (f == "criteria") {
      std::vector<domain::CriterionInput> criteria;
      for (const auto& c : in.criteria()) {
        criteria.push_back({.key = c.key(), .name = FromProto(c.name()), .weight = c.weight()});
      }
      p.criteria = std::move(criteria);
    } else if (domain::IsReadOnlyCallField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

}  // namespace iris::grants::rpc
