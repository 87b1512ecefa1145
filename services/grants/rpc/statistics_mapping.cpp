#include "services/grants/rpc/statistics_mapping.hpp"

#include "libs/proto_values/proto_values.hpp"

namespace iris::grants::rpc {
namespace {

using iris::proto_values::ToProto;

void MoneyInto(int64_t amount, const std::string& currency, iris::common::v1::Money* out) {
  ToProto(values::Money{.amount = amount, .currency = currency}, out);
}

void CountriesInto(const std::vector<domain::CountryFigures>& in, const std::string& currency,
                   google::protobuf::RepeatedPtrField<v1::CountryFigures>* out) {
  for (const auto& c : in) {
    auto* p = out->Add();
    p->set_country(c.country);
    p->set_applications(c.figures.applications);
    p->set_awards(c.figures.awards);
    MoneyInto(c.figures.requested, currency, p->mutable_requested());
    MoneyInto(c.figures.awarded, currency, p->mutable_awarded());
  }
}

}  // namespace

void ToProto(const domain::CallStats& in, v1::CallStats* out) {
  out->set_call_id(in.call_id);
  out->set_applications(in.total.applications);
  out->set_awards(in.total.awards);
  MoneyInto(in.total.requested, in.currency, out->mutable_requested());
  MoneyInto(in.total.awarded, in.currency, out->mutable_awarded());
  CountriesInto(in.by_country, in.currency, out->mutable_by_country());
}

void ToProto(const domain::GrantStats& in, v1::GrantStats* out) {
  out->set_from(in.from);
  out->set_to(in.to);
  out->set_applications(in.total.applications);
  out->set_awards(in.total.awards);
  MoneyInto(in.total.requested, in.currency, out->mutable_requested());
  MoneyInto(in.total.awarded, in.currency, out->mutable_awarded());
  for (const auto& y : in.by_year) {
    auto* p = out->add_by_year();
    p->set_year(y.year);
    p->set_calls(y.calls);
    p->set_applications(y.total.applications);
    p->set_awards(y.total.awards);
    MoneyInto(y.total.requested, in.currency, p->mutable_requested());
    MoneyInto(y.total.awarded, in.currency, p->mutable_awarded());
    CountriesInto(y.by_country, in.currency, p->mutable_by_country());
  }
  CountriesInto(in.by_country, in.currency, out->mutable_by_country());
}

}  // namespace iris::grants::rpc
