// Campaigns (e.g. #socialservicesforall): one regional campaign and national ones run by each
// partner, with their period, lead organisation, key messages and the documents and events
// they carry. Pure rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::documents::domain {

inline constexpr size_t kMaxCampaignName = 300;  // characters per language
inline constexpr size_t kMaxKeyMessages = 20;
inline constexpr size_t kMaxKeyMessage = 1000;   // characters per language
inline constexpr size_t kMaxHashtagChars = 100;  // after the '#'
inline constexpr size_t kMaxLinkedDocuments = 100;
inline constexpr size_t kMaxLinkedEvents = 100;

struct Campaign {
  std::string id;
  values::LocalizedText name;
  std::string hashtag;  // "" or "#word"
  std::string scope;    // regional | national
  std::string country;  // national: its country; regional: ""
  std::string starts_on;
  std::string ends_on;  // "" none
  std::string lead_organization_id;
  std::vector<values::LocalizedText> key_messages;
  std::vector<std::string> document_ids;
  std::vector<std::string> event_ids;
  int64_t version = 1;
  values::Time created_at;
  values::Time updated_at;
};

struct CampaignPatch {
  std::optional<values::LocalizedText> name;
  std::optional<std::string> hashtag, scope, country, starts_on, ends_on, lead_organization_id;
  std::optional<std::vector<values::LocalizedText>> key_messages;
  std::optional<std::vector<std::string>> document_ids, event_ids;
  std::vector<std::string> read_only_sent;
  std::vector<std::string> unknown_sent;
};

const std::vector<std::string>& CampaignScopes();  // regional, national
bool IsReadOnlyCampaignField(std::string_view field);
// '#' then 1 to 100 letters, digits or underscores.
bool IsHashtag(std::string_view hashtag);

std::vector<values::InvalidField> NewCampaign(const CampaignPatch& patch, Campaign* out);
std::vector<values::InvalidField> ApplyPatch(const CampaignPatch& patch, Campaign* c,
                                             std::vector<std::string>* changed);

// Network admins every campaign; national coordinators the national campaigns of their
// country.
bool CanManage(const identity::Caller& caller, const Campaign& c);

}  // namespace iris::documents::domain
