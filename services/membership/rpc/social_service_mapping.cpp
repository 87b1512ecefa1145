#include "services/membership/rpc/social_service_mapping.hpp"

#include <set>

#include "libs/proto_values/sent_fields.hpp"
#include "services/membership/rpc/reference_mapping.hpp"

namespace iris::membership::rpc {
namespace {

v1::LicensingStatus LicensingToProto(domain::LicensingStatus s) {
  switch (s) {
    case domain::LicensingStatus::kNotRequired: return v1::LICENSING_STATUS_NOT_REQUIRED;
    case domain::LicensingStatus::kNotLicensed: return v1::LICENSING_STATUS_NOT_LICENSED;
    case domain::LicensingStatus::kInProcess: return v1::LICENSING_STATUS_IN_PROCESS;
    case domain::LicensingStatus::kLicensed: return v1::LICENSING_STATUS_LICENSED;
    case domain::LicensingStatus::kExpired: return v1::LICENSING_STATUS_EXPIRED;
  }
  return v1::LICENSING_STATUS_UNSPECIFIED;
}

std::optional<domain::LicensingStatus> LicensingFromProto(v1::LicensingStatus s) {
  switch (s) {
    case v1::LICENSING_STATUS_NOT_REQUIRED: return domain::LicensingStatus::kNotRequired;
    case v1::LICENSING_STATUS_NOT_LICENSED: return domain::LicensingStatus::kNotLicensed;
    case v1::LICENSING_STATUS_IN_PROCESS: return domain::LicensingStatus::kInProcess;
    case v1::LICENSING_STATUS_LICENSED: return domain::LicensingStatus::kLicensed;
    case v1::LICENSING_STATUS_EXPIRED: return domain::LicensingStatus::kExpired;
    default: return std::nullopt;
  }
}

}  // namespace

void ToProto(const domain::SocialService& in, v1::SocialService* out) {
  out->set_id(in.id);
  out->set_organization_id(in.organization_id);
  out->set_organization_name(in.organization_name);
  ToProto(in.name, out->mutable_name());
  out->set_category(in.category);
  for (const auto& g : in.target_groups) out->add_target_groups(g);
  for (const auto& m : in.municipalities) out->add_municipalities(m);
  if (in.capacity) out->mutable_capacity()->set_value(static_cast<int32_t>(*in.capacity));
  auto* l = out->mutable_licensing();
  l->set_status(LicensingToProto(in.licensing.status));
  l->set_licence_number(in.licensing.licence_number);
  l->set_authority(in.licensing.authority);
  l->set_valid_until(in.licensing.valid_until);
  out->set_version(in.version);
  ToProto(in.created_at, out->mutable_created_at());
  ToProto(in.updated_at, out->mutable_updated_at());
}

domain::SocialServicePatch ServicePatchFromProto(const v1::SocialService& in,
                                                 const google::protobuf::FieldMask& fields) {
  // Mass assignment: a read-only field holding a value counts as sent, mask or not.
  const std::set<std::string> sent =
      proto_values::SentFields(in, fields, domain::IsServiceReadOnlyField);
  domain::SocialServicePatch p;
  for (const auto& f : sent) {
    if (f == "name") {
      p.name = FromProto(in.name());
    } else if (f == "category") {
      p.category = in.category();
    } else if (f == "target_groups") {
      p.target_groups.emplace(in.target_groups().begin(), in.target_groups().end());
    } else if (f == "municipalities") {
      p.municipalities.emplace(in.municipalities().begin(), in.municipalities().end());
    } else if (f == "capacity") {
      p.capacity_sent = true;
      if (in.has_capacity()) p.capacity = in.capacity().value();
    } else if (f == "licensing") {
      domain::LicensingPatch l;
      l.status = LicensingFromProto(in.licensing().status());
      l.licence_number = in.licensing().licence_number();
      l.authority = in.licensing().authority();
      l.valid_until = in.licensing().valid_until();
      p.licensing = std::move(l);
    } else if (domain::IsServiceReadOnlyField(f)) {
      p.read_only_sent.push_back(f);
    } else {
      p.unknown_sent.push_back(f);
    }
  }
  return p;
}

}  // namespace iris::membership::rpc
