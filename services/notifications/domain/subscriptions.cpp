#include "services/notifications/domain/subscriptions.hpp"

#include <algorithm>
#include <set>

#include "libs/values/reference_codes.hpp"
#include "services/notifications/domain/topics.hpp"

namespace iris::notifications::domain {
namespace {

// Each allowed value once, in the order sent; one problem per value not in `allowed`.
std::vector<std::string> CheckCodes(std::string_view field, const std::vector<std::string>& sent,
                                    const auto& allowed, std::string_view message, size_t max,
                                    std::vector<values::InvalidField>* problems) {
  std::vector<std::string> kept;
  if (sent.size() > max) {
    problems->push_back({std::string(field), "at most " + std::to_string(max) + " values"});
    return kept;
  }
  for (size_t i = 0; i < sent.size(); ++i) {
    const std::string& v = sent[i];
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      problems->push_back(
          {std::string(field) + "[" + std::to_string(i) + "]", std::string(message)});
    } else if (std::find(kept.begin(), kept.end(), v) == kept.end()) {
      kept.push_back(v);
    }
  }
  return kept;
}

}  // namespace

Subscriptions DefaultSubscriptions(const std::optional<RoleDefaults>& defaults,
                                   const std::string& country) {
  Subscriptions s{.is_default = true};
  if (!defaults) return s;
  s.topics = defaults->topics;
  s.channels = defaults->channels;
  if (defaults->own_country_only && !country.empty()) s.countries = {country};
  return s;
}

Subscriptions CheckSubscriptions(const Subscriptions& sent,
                                 std::vector<values::InvalidField>* problems) {
  Subscriptions kept;
  kept.topics = CheckTopicPatterns("topics", sent.topics, problems);
  kept.countries =
      CheckCodes("countries", sent.countries, values::CountryCodes(),
                 "unknown country code (GET /v1/countries)", kMaxSubscriptionCountries, problems);
  kept.channels = CheckCodes("channels", sent.channels, kChannels, "must be inbox or email",
                             kChannels.size() * 4, problems);
  kept.language = sent.language.empty() ? std::string(kDefaultLanguage) : sent.language;
  if (!values::LanguageCodes().contains(kept.language)) {
    problems->push_back({"language", "unknown language code (GET /v1/languages)"});
  }
  return kept;
}

}  // namespace iris::notifications::domain
