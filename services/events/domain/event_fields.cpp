#include "services/events/domain/event_fields.hpp"

#include <algorithm>
#include <set>
#include <tuple>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/values/reference_codes.hpp"
#include "libs/values/uuid.hpp"

namespace iris::events::domain {
namespace {

constexpr values::CodeList kLanguageList{"languages", "language", "GET /v1/languages",
                                         kMaxLanguages};

constexpr const char* kYears = "must be an instant (RFC 3339) in the years 1900 to 9999";

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

bool OneOf(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

std::string Words(const std::vector<std::string>& words) { return absl::StrJoin(words, ", "); }

// Every field of the patch applied to `event`, each field's own rules checked; the rules between
// fields (dates in order, what a format needs, the window) come after, on the result.
class Applier {
 public:
  Applier(const EventPatch& patch, Event* event, std::vector<InvalidField>* problems)
      : p_(patch), e_(event), problems_(problems) {}

  void Run(bool creating) {
    for (const auto& f : p_.read_only_sent) Add(f, "is read-only; the server sets it");
    for (const auto& f : p_.unknown_sent) Add(f, "is not a field of an event");
    Word(p_.kind, "kind", EventKinds(), creating, &e_->kind);
    Word(p_.format, "format", EventFormats(), creating, &e_->format);
    Texts(creating);
    Edition();
    Location();
    OnlineUrl();
    TimeZone();
    Times(creating);
    Languages();
    Capacity();
    Audience();
    Country(creating);
    Organizations();
    Window();
    Threshold();
    Across();
  }

 private:
  void Add(std::string field, std::string message) {
    problems_->push_back({std::move(field), std::move(message)});
  }

  void Word(const std::optional<std::string>& sent, const std::string& field,
            const std::vector<std::string>& words, bool creating, std::string* out) {
    if (!sent) {
      if (creating) Add(field, "is required: one of " + Words(words));
      return;
    }
    if (!OneOf(words, *sent)) {
      Add(field,
          sent->empty() ? "is required: one of " + Words(words) : "must be one of " + Words(words));
      return;
    }
    *out = *sent;
  }

  void Texts(bool creating) {
    const auto& langs = values::LanguageCodes();
    if (p_.title) {
      e_->title = values::CheckLocalizedText(*p_.title, "title", langs, kMaxTitle, problems_);
      if (p_.title->empty()) Add("title", "is required: a map of language to text");
    } else if (creating) {
      Add("title", "is required: a map of language to text, such as {\"en\": ...}");
    }
    if (p_.description) {
      e_->description = values::CheckLocalizedText(*p_.description, "description", langs,
                                                   kMaxDescription, problems_);
    }
    if (p_.theme) {
      e_->theme = values::CheckLocalizedText(*p_.theme, "theme", langs, kMaxTitle, problems_);
    }
    if (p_.language_requirement) {
      e_->language_requirement =
          values::CheckLocalizedText(*p_.language_requirement, "language_requirement", langs,
                                     kMaxLanguageRequirement, problems_);
    }
  }

  void Edition() {
    if (!p_.edition) return;
    std::string edition = Trimmed(*p_.edition);
    if (values::CharCount(edition) > kMaxEdition) {
      Add("edition", absl::StrCat("must be at most ", kMaxEdition, " characters"));
      return;
    }
    e_->edition = std::move(edition);
  }

  void Location() {
    if (!p_.location) return;
    if (!p_.location->has_value()) {
      e_->venue.clear();
      e_->city.clear();
      e_->location_country.clear();
      return;
    }
    const auto& l = **p_.location;
    std::string venue = Trimmed(l.venue), city = Trimmed(l.city), country = Trimmed(l.country);
    if (values::CharCount(venue) > kMaxVenue) {
      Add("location.venue", absl::StrCat("must be at most ", kMaxVenue, " characters"));
    }
    if (values::CharCount(city) > kMaxCity) {
      Add("location.city", absl::StrCat("must be at most ", kMaxCity, " characters"));
    }
    if (!country.empty() && !values::CountryCodes().contains(country)) {
      Add("location.country", "unknown country '" + country + "' (GET /v1/countries)");
      country.clear();
    }
    e_->venue = std::move(venue);
    e_->city = std::move(city);
    e_->location_country = std::move(country);
  }

  void OnlineUrl() {
    if (!p_.online_url) return;
    std::string url = Trimmed(*p_.online_url);
    if (!url.empty() && (url.size() > kMaxUrl || !values::LooksLikeWebsite(url, true))) {
      Add("online_url",
          absl::StrCat("must be an https:// address of at most ", kMaxUrl, " characters"));
      url_ok_ = false;
      return;
    }
    e_->online_url = std::move(url);
  }

  void TimeZone() {
    if (!p_.timezone) {
      if (e_->timezone.empty()) e_->timezone = std::string(values::kDefaultTimeZone);
      return;
    }
    std::string zone = Trimmed(*p_.timezone);
    if (zone.empty()) zone = std::string(values::kDefaultTimeZone);
    if (!values::IsKnownTimeZone(zone)) {
      zone_ok_ = false;
      Add("timezone", "must be an IANA time zone such as Europe/Belgrade");
      return;
    }
    e_->timezone = std::move(zone);
  }

  void Times(bool creating) {
    for (auto [sent, field, out] : {std::tuple{&p_.starts_at, "starts_at", &e_->starts_at},
                                    std::tuple{&p_.ends_at, "ends_at", &e_->ends_at}}) {
      if (!*sent ? creating : !(*sent)->has_value()) {
        Add(field, "is required: an instant (RFC 3339)");
        times_ok_ = false;
      } else if (*sent && !values::IsSupportedInstant(**(*sent))) {
        Add(field, kYears);
        times_ok_ = false;
      } else if (*sent) {
        *out = **(*sent);
      }
    }
  }

  void Languages() {
    if (!p_.languages) return;
    e_->languages =
        values::CheckCodeList(*p_.languages, values::LanguageCodes(), kLanguageList, problems_);
  }

  void Capacity() {
    if (!p_.capacity) return;
    if (p_.capacity->has_value() && (**p_.capacity < 1 || **p_.capacity > kMaxCapacity)) {
      Add("capacity", absl::StrCat("must be from 1 to ", kMaxCapacity, ", or null: unlimited"));
      return;
    }
    e_->capacity = *p_.capacity;
  }

  void Audience() {
    if (!p_.audience) return;
    if (p_.audience->empty()) {
      e_->audience = "members";
    } else if (OneOf(EventAudiences(), *p_.audience)) {
      e_->audience = *p_.audience;
    } else {
      Add("audience", "must be one of " + Words(EventAudiences()));
    }
  }

  void Country(bool creating) {
    if (!p_.country) {
      if (creating) e_->country = e_->location_country;  // default: where it takes place
      return;
    }
    std::string country = Trimmed(*p_.country);
    if (!country.empty() && !values::CountryCodes().contains(country)) {
      Add("country", "unknown country '" + country + "' (GET /v1/countries); null: regional");
      return;
    }
    e_->country = std::move(country);
  }

  void Organizations() {
    if (p_.host_organization_id) {
      std::string host = Trimmed(*p_.host_organization_id);
      if (!host.empty() && !values::IsUuid(host)) {
        Add("host_organization_id", "must be the id of a member organisation");
      } else {
        e_->host_organization_id = std::move(host);
      }
    }
    if (!p_.partner_organization_ids) return;
    const auto& sent = *p_.partner_organization_ids;
    if (sent.size() > kMaxPartners) {
      Add("partner_organization_ids",
          absl::StrCat("must list at most ", kMaxPartners, " organisations"));
      return;
    }
    std::set<std::string> seen;
    std::vector<std::string> ids;
    for (size_t i = 0; i < sent.size(); ++i) {
      const std::string field = absl::StrCat("partner_organization_ids[", i, "]");
      if (!values::IsUuid(sent[i])) {
        Add(field, "must be the id of a member organisation");
      } else if (!seen.insert(absl::AsciiStrToLower(sent[i])).second) {
        Add(field, "lists an organisation a second time");
      } else {
        ids.push_back(absl::AsciiStrToLower(sent[i]));
      }
    }
    e_->partner_organization_ids = std::move(ids);
  }

  void Window() {
    if (!p_.registration) return;
    const auto& w = *p_.registration;
    if (w.mode.empty()) {
      // Absent: the stored mode stays (a new event's is open), so a GET's object goes back as is.
    } else if (OneOf(RegistrationModes(), w.mode)) {
      e_->registration_mode = w.mode;
    } else {
      Add("registration.mode", "must be one of " + Words(RegistrationModes()));
    }
    for (auto [sent, field] : {std::pair{&w.opens_at, "registration.opens_at"},
                               std::pair{&w.closes_at, "registration.closes_at"}}) {
      if (*sent && !values::IsSupportedInstant(**sent)) {
        Add(field, kYears);
        window_ok_ = false;
      }
    }
    if (!window_ok_) return;
    e_->registration_opens_at = w.opens_at;
    const std::string on = Trimmed(w.closes_on);
    if (on.empty()) {
      e_->registration_closes_at = w.closes_at;
      return;
    }
    closes_field_ = "registration.closes_on";
    const auto day = values::ParseDate(on);
    if (!day) {
      Add("registration.closes_on", "must be a date YYYY-MM-DD: the last day of registration");
      window_ok_ = false;
      return;
    }
    if (!zone_ok_) {
      window_ok_ = false;
      return;
    }
    if (w.closes_at) {
      // Both, as a read returns them: fine when closes_on is the local day of closes_at, which
      // then says the exact instant.
      if (values::ClosingDay(*w.closes_at, e_->timezone) != *day) {
        Add("registration.closes_on",
            "must be the local day of registration.closes_at (" +
                values::DateText(values::ClosingDay(*w.closes_at, e_->timezone)) + " in " +
                e_->timezone + "); or send only one of them");
        window_ok_ = false;
        return;
      }
      closes_field_ = "registration.closes_at";
      e_->registration_closes_at = w.closes_at;
      return;
    }
    auto end = values::EndOfDay(*day, e_->timezone);
    if (!end.ok()) {
      window_ok_ = false;
      return;
    }
    e_->registration_closes_at = *end;
  }

  void Threshold() {
    if (!p_.certificate_threshold) return;
    const int t = *p_.certificate_threshold;
    if (t == 0) {
      e_->certificate_threshold = kDefaultCertificateThreshold;
    } else if (t < 1 || t > 100) {
      Add("certificate_threshold",
          "must be a percentage from 1 to 100 (0 or absent: the default, 80)");
    } else {
      e_->certificate_threshold = t;
    }
  }

  // Rules between fields, on the event as it would be.
  void Across() {
    if (times_ok_) {
      if (e_->ends_at <= e_->starts_at) {
        Add(p_.starts_at && !p_.ends_at ? "starts_at" : "ends_at", "must be after starts_at");
      } else if (e_->ends_at - e_->starts_at > kMaxDuration) {
        Add("ends_at", "must be at most 366 days after starts_at");
      }
    }
    const bool online = e_->format == "online" || e_->format == "hybrid";
    const bool in_person = e_->format == "in_person" || e_->format == "hybrid";
    if (online && url_ok_ && e_->online_url.empty() && (p_.format || p_.online_url)) {
      Add("online_url", "is required for an " + e_->format + " event: the https:// link");
    }
    if (in_person && e_->city.empty() && (p_.format || p_.location)) {
      Add("location.city", "is required for an " + e_->format + " event: where it takes place");
    }
    if (window_ok_ && e_->registration_opens_at && e_->registration_closes_at &&
        *e_->registration_opens_at >= *e_->registration_closes_at) {
      Add(closes_field_, "must be after registration.opens_at");
    }
    // Without closes_at the window ends when the event starts: one opening at or after that
    // would never take a registration.
    if (window_ok_ && times_ok_ && e_->registration_opens_at && !e_->registration_closes_at &&
        *e_->registration_opens_at >= e_->starts_at) {
      Add(p_.registration ? "registration.opens_at" : "starts_at",
          p_.registration ? "must be before the event starts (or give registration.closes_at)"
                          : "must be after registration.opens_at (or give registration.closes_at)");
    }
    // Registrations end with the event at the latest (a window closing later would take
    // registrations for an event that is over).
    if (window_ok_ && times_ok_ && e_->registration_closes_at &&
        *e_->registration_closes_at > e_->ends_at) {
      if (p_.registration) {
        Add(closes_field_, "must not be after the event's end (ends_at)");
      } else {
        Add("ends_at", "must not be before registration.closes_at");
      }
    }
  }

  const EventPatch& p_;
  Event* e_;
  std::vector<InvalidField>* problems_;
  bool zone_ok_ = true, times_ok_ = true, window_ok_ = true, url_ok_ = true;
  std::string closes_field_ = "registration.closes_at";
};

}  // namespace

void ApplyFields(const EventPatch& patch, Event* event, bool creating,
                 std::vector<InvalidField>* problems) {
  Applier(patch, event, problems).Run(creating);
}

}  // namespace iris::events::domain
