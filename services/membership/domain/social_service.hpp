// Social services offered by member organisations: fields, licensing rules and who may manage
// them. Pure rules: no I/O, no proto.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "services/membership/domain/organization.hpp"
#include "services/membership/domain/reference.hpp"

namespace iris::membership::domain {

enum class LicensingStatus { kNotRequired, kNotLicensed, kInProcess, kLicensed, kExpired };

std::string_view LicensingWord(LicensingStatus s);  // "not_required", as stored and on the wire
std::optional<LicensingStatus> ParseLicensing(std::string_view word);

struct Licensing {
  LicensingStatus status = LicensingStatus::kNotRequired;
  std::string licence_number;
  std::string authority;
  std::string valid_until;  // YYYY-MM-DD; empty: no expiry
};

struct SocialService {
  std::string id;
  std::string organization_id;
  std::string organization_name;  // read-only: the organisation's name as it is now
  LocalizedText name;
  std::string category;
  std::vector<std::string> target_groups;
  std::vector<std::string> municipalities;
  std::optional<int64_t> capacity;
  Licensing licensing;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// Licensing as a client sent it: replaced as a whole, its status required.
struct LicensingPatch {
  std::optional<LicensingStatus> status;
  std::string licence_number, authority, valid_until;
};

// The fields a client writes, each set only when sent. capacity_sent with no capacity clears it.
struct SocialServicePatch {
  std::optional<LocalizedText> name;
  std::optional<std::string> category;
  std::optional<std::vector<std::string>> target_groups, municipalities;
  bool capacity_sent = false;
  std::optional<int64_t> capacity;
  std::optional<LicensingPatch> licensing;
  std::vector<std::string> read_only_sent;  // id, organization_id, version, ...
  std::vector<std::string> unknown_sent;
};

// Fields the server owns; a client naming one gets 422 on that field (mass assignment).
bool IsServiceReadOnlyField(std::string_view field);

// What the data knows: categories, target groups and languages (keys of localized names).
struct ServiceReferenceCodes {
  std::set<std::string> categories;
  std::set<std::string> target_groups;
  std::set<std::string> languages;
};

// True for a real calendar date written YYYY-MM-DD.
bool IsIsoDate(std::string_view s);

// Applies the patch to `service` and returns every problem at once. Names of changed fields go
// to *changed (for the audit log). A licensed service needs licence_number, authority and
// valid_until, each named when missing ("licensing.authority").
std::vector<InvalidField> Apply(const SocialServicePatch& patch, const ServiceReferenceCodes& refs,
                                SocialService* service, std::vector<std::string>* changed);

// Services follow their organisation: visible when it is (CanSee), managed by whoever may edit
// it (network admins, its country's coordinator, its own members).
bool CanManageServices(const identity::Caller& p, const Organization& org);

// Names of municipalities a service covers, and how many (counted as sent).
inline constexpr size_t kMaxMunicipalities = 100;
inline constexpr size_t kMaxMunicipalityLength = 100;
inline constexpr int64_t kMaxCapacity = 1000000;

}  // namespace iris::membership::domain
