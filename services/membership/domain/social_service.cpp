#include "services/membership/domain/social_service.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <utility>

#include "absl/strings/ascii.h"
#include "services/membership/domain/text_rules.hpp"

namespace iris::membership::domain {
namespace {

constexpr std::array<std::pair<LicensingStatus, std::string_view>, 5> kLicensing{{
    {LicensingStatus::kNotRequired, "not_required"},
    {LicensingStatus::kNotLicensed, "not_licensed"},
    {LicensingStatus::kInProcess, "in_process"},
    {LicensingStatus::kLicensed, "licensed"},
    {LicensingStatus::kExpired, "expired"},
}};

constexpr std::array<std::string_view, 6> kReadOnly{
    "id", "organization_id", "organization_name", "version", "created_at", "updated_at"};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

void TooLong(const std::string& value, std::string_view field, size_t max,
             std::vector<InvalidField>* problems) {
  if (CharCount(value) > max) {
    problems->push_back(
        {std::string(field), "must be at most " + std::to_string(max) + " characters"});
  }
}

LocalizedText CheckName(const LocalizedText& sent, const ServiceReferenceCodes& refs,
                        std::vector<InvalidField>* problems) {
  if (sent.empty()) problems->push_back({"name", "needs at least one language"});
  return CheckLocalizedText(sent, "name", refs.languages, 200, problems);
}

std::vector<std::string> CheckMunicipalities(const std::vector<std::string>& sent,
                                             std::vector<InvalidField>* problems) {
  std::vector<std::string> out;
  // Counted as sent, before the names are looked at, as JSON Schema's maxItems counts: a list
  // of thousands of bad names is one problem, not thousands.
  if (sent.size() > kMaxMunicipalities) {
    problems->push_back(
        {"municipalities", "must list at most " + std::to_string(kMaxMunicipalities) + " names"});
    return out;
  }
  for (const auto& m : sent) {
    std::string v = Trimmed(m);
    if (v.empty()) {
      problems->push_back({"municipalities", "must not contain empty names"});
      continue;
    }
    TooLong(v, "municipalities", kMaxMunicipalityLength, problems);
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(std::move(v));
  }
  return out;
}

Licensing CheckLicensing(const LicensingPatch& sent, std::vector<InvalidField>* problems) {
  Licensing out;
  if (!sent.status) {
    problems->push_back({"licensing.status", "is required"});
  } else {
    out.status = *sent.status;
  }
  out.licence_number = Trimmed(sent.licence_number);
  out.authority = Trimmed(sent.authority);
  out.valid_until = Trimmed(sent.valid_until);
  TooLong(out.licence_number, "licensing.licence_number", 64, problems);
  TooLong(out.authority, "licensing.authority", 200, problems);
  if (!out.valid_until.empty() && !IsIsoDate(out.valid_until)) {
    problems->push_back({"licensing.valid_until", "must be a date such as 2027-12-31"});
  }
  if (sent.status == LicensingStatus::kLicensed) {
    const std::string why = "is required when the service is licensed";
    if (out.licence_number.empty()) problems->push_back({"licensing.licence_number", why});
    if (out.authority.empty()) problems->push_back({"licensing.authority", why});
    if (out.valid_until.empty()) problems->push_back({"licensing.valid_until", why});
  }
  return out;
}

bool SameLicensing(const Licensing& a, const Licensing& b) {
  return a.status == b.status && a.licence_number == b.licence_number &&
         a.authority == b.authority && a.valid_until == b.valid_until;
}

}  // namespace

std::string_view LicensingWord(LicensingStatus s) {
  for (const auto& [status, word] : kLicensing) {
    if (status == s) return word;
  }
  return "not_required";
}

std::optional<LicensingStatus> ParseLicensing(std::string_view word) {
  for (const auto& [status, w] : kLicensing) {
    if (w == word) return status;
  }
  return std::nullopt;
}

bool IsServiceReadOnlyField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!absl::ascii_isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const unsigned m = static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))));
  const unsigned d = static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2))));
  return y >= 1900 && std::chrono::year_month_day(std::chrono::year(y), std::chrono::month(m),
                                                  std::chrono::day(d))
                          .ok();
}

std::vector<InvalidField> Apply(const SocialServicePatch& patch, const ServiceReferenceCodes& refs,
                                SocialService* service, std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  for (const auto& f : patch.read_only_sent) {
    problems.push_back({f, "is read-only; the server sets it"});
  }
  for (const auto& f : patch.unknown_sent) {
    problems.push_back({f, "is not a field of a service"});
  }
  if (patch.name) {
    LocalizedText name = CheckName(*patch.name, refs, &problems);
    if (name != service->name) changed->push_back("name");
    service->name = std::move(name);
  }
  if (service->name.empty() && !patch.name) problems.push_back({"name", "is required"});

  if (patch.category) {
    std::string c = Trimmed(*patch.category);
    if (c != service->category) changed->push_back("category");
    service->category = std::move(c);
  }
  if (service->category.empty()) {
    problems.push_back({"category", "is required"});
  } else if (!refs.categories.contains(service->category)) {
    problems.push_back({"category", "must be one of GET /v1/service-categories"});
  }

  if (patch.target_groups) {
    auto groups =
        CheckCodeList(*patch.target_groups, refs.target_groups, kTargetGroupList, &problems);
    if (groups != service->target_groups) changed->push_back("target_groups");
    service->target_groups = std::move(groups);
  }

  if (patch.municipalities) {
    auto m = CheckMunicipalities(*patch.municipalities, &problems);
    if (m != service->municipalities) changed->push_back("municipalities");
    service->municipalities = std::move(m);
  }

  if (patch.capacity_sent) {
    if (patch.capacity && (*patch.capacity < 0 || *patch.capacity > kMaxCapacity)) {
      problems.push_back(
          {"capacity", "must be a whole number from 0 to " + std::to_string(kMaxCapacity)});
    }
    if (patch.capacity != service->capacity) changed->push_back("capacity");
    service->capacity = patch.capacity;
  }

  if (patch.licensing) {
    Licensing l = CheckLicensing(*patch.licensing, &problems);
    if (!SameLicensing(l, service->licensing)) changed->push_back("licensing");
    service->licensing = std::move(l);
  }
  return problems;
}

bool CanManageServices(const identity::Caller& p, const Organization& org) {
  return CanEdit(p, org);
}

}  // namespace iris::membership::domain
