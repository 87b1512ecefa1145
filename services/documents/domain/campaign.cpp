#include "services/documents/domain/campaign.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/values/local_dates.hpp"
#include "libs/values/reference_codes.hpp"
#include "libs/values/uuid.hpp"

namespace iris::documents::domain {
namespace {

using values::InvalidField;

constexpr std::array<std::string_view, 4> kReadOnly{"id", "version", "created_at", "updated_at"};

void Add(std::vector<InvalidField>* problems, std::string field, std::string message) {
  problems->push_back({std::move(field), std::move(message)});
}

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// Ids of a list field: UUIDs, each once, lower-cased, at most `max`.
std::vector<std::string> Ids(const std::vector<std::string>& sent, const std::string& field,
                             size_t max, std::string_view what,
                             std::vector<InvalidField>* problems) {
  std::vector<std::string> ids;
  if (sent.size() > max) {
    Add(problems, field, absl::StrCat("must list at most ", max, " ", std::string(what), "s"));
    return ids;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < sent.size(); ++i) {
    const std::string id = absl::AsciiStrToLower(Trimmed(sent[i]));
    if (!values::IsUuid(id)) {
      Add(problems, absl::StrCat(field, "[", i, "]"),
          "must be the id of " + std::string(what == "event" ? "an " : "a ") + std::string(what));
    } else if (seen.insert(id).second) {
      ids.push_back(id);
    }
  }
  return ids;
}

void ApplyFields(const CampaignPatch& p, Campaign* c, bool creating,
                 std::vector<InvalidField>* problems) {
  for (const auto& f : p.read_only_sent) Add(problems, f, "is read-only; the server sets it");
  for (const auto& f : p.unknown_sent) Add(problems, f, "is not a field of a campaign");
  const auto& langs = values::LanguageCodes();
  if (p.name) {
    c->name = values::CheckLocalizedText(*p.name, "name", langs, kMaxCampaignName, problems);
    if (p.name->empty()) Add(problems, "name", "is required: a map of language to text");
  } else if (creating) {
    Add(problems, "name", "is required: a map of language to text, such as {\"en\": ...}");
  }
  if (p.hashtag) {
    const std::string h = Trimmed(*p.hashtag);
    if (!h.empty() && !IsHashtag(h)) {
      Add(problems, "hashtag",
          absl::StrCat("must be '#' and 1 to ", kMaxHashtagChars,
                       " letters, digits or underscores, such as #socialservicesforall"));
    } else {
      c->hashtag = h;
    }
  }
  bool scope_ok = true;
  if (p.scope) {
    const auto& scopes = CampaignScopes();
    if (std::find(scopes.begin(), scopes.end(), *p.scope) != scopes.end()) {
      c->scope = *p.scope;
    } else {
      scope_ok = false;
      Add(problems, "scope", "must be one of regional, national");
    }
  } else if (creating) {
    scope_ok = false;
    Add(problems, "scope", "is required: one of regional, national");
  }
  bool country_ok = true;
  if (p.country) {
    const std::string country = absl::AsciiStrToUpper(Trimmed(*p.country));
    if (!country.empty() && !values::CountryCodes().contains(country)) {
      country_ok = false;
      Add(problems, "country", "unknown country '" + *p.country + "' (GET /v1/countries)");
    } else {
      c->country = country;
    }
  }
  if (scope_ok && country_ok) {
    if (c->scope == "national" && c->country.empty()) {
      Add(problems, "country", "is required for a national campaign");
    } else if (c->scope == "regional" && !c->country.empty()) {
      Add(problems, "country", "must be null for a regional campaign");
    }
  }
  bool dates_ok = true;
  if (p.starts_on) {
    if (values::ParseDate(Trimmed(*p.starts_on))) {
      c->starts_on = Trimmed(*p.starts_on);
    } else {
      dates_ok = false;
      Add(problems, "starts_on", "is required: a date YYYY-MM-DD");
    }
  } else if (creating) {
    dates_ok = false;
    Add(problems, "starts_on", "is required: a date YYYY-MM-DD");
  }
  if (p.ends_on) {
    const std::string e = Trimmed(*p.ends_on);
    if (e.empty() || values::ParseDate(e)) {
      c->ends_on = e;
    } else {
      dates_ok = false;
      Add(problems, "ends_on", "must be a date YYYY-MM-DD, or null");
    }
  }
  if (dates_ok && !c->ends_on.empty() &&
      *values::ParseDate(c->ends_on) < *values::ParseDate(c->starts_on)) {
    Add(problems, p.ends_on ? "ends_on" : "starts_on", "ends_on must be on or after starts_on");
  }
  if (p.lead_organization_id) {
    const std::string lead = absl::AsciiStrToLower(Trimmed(*p.lead_organization_id));
    if (!lead.empty() && !values::IsUuid(lead)) {
      Add(problems, "lead_organization_id", "must be the id of a member organisation");
    } else {
      c->lead_organization_id = lead;
    }
  }
  if (p.key_messages) {
    const auto& sent = *p.key_messages;
    if (sent.size() > kMaxKeyMessages) {
      Add(problems, "key_messages",
          absl::StrCat("must list at most ", kMaxKeyMessages, " messages"));
    } else {
      std::vector<values::LocalizedText> messages;
      for (size_t i = 0; i < sent.size(); ++i) {
        const std::string field = absl::StrCat("key_messages[", i, "]");
        if (sent[i].empty()) {
          Add(problems, field, "must be a map of language to text");
          continue;
        }
        messages.push_back(
            values::CheckLocalizedText(sent[i], field, langs, kMaxKeyMessage, problems));
      }
      c->key_messages = std::move(messages);
    }
  }
  if (p.document_ids) {
    c->document_ids =
        Ids(*p.document_ids, "document_ids", kMaxLinkedDocuments, "document", problems);
  }
  if (p.event_ids) {
    c->event_ids = Ids(*p.event_ids, "event_ids", kMaxLinkedEvents, "event", problems);
  }
}

}  // namespace

const std::vector<std::string>& CampaignScopes() {
  static const std::vector<std::string> kAll{"regional", "national"};
  return kAll;
}

bool IsReadOnlyCampaignField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

bool IsHashtag(std::string_view hashtag) {
  if (hashtag.size() < 2 || hashtag.size() > kMaxHashtagChars + 1 || hashtag[0] != '#') {
    return false;
  }
  for (char c : hashtag.substr(1)) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::vector<InvalidField> NewCampaign(const CampaignPatch& patch, Campaign* out) {
  std::vector<InvalidField> problems;
  *out = Campaign{};
  ApplyFields(patch, out, /*creating=*/true, &problems);
  return problems;
}

std::vector<InvalidField> ApplyPatch(const CampaignPatch& patch, Campaign* c,
                                     std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  const Campaign before = *c;
  ApplyFields(patch, c, /*creating=*/false, &problems);
  struct Compared {
    std::string_view field;
    bool differs;
  };
  const Compared fields[] = {
      {"name", c->name != before.name},
      {"hashtag", c->hashtag != before.hashtag},
      {"scope", c->scope != before.scope},
      {"country", c->country != before.country},
      {"starts_on", c->starts_on != before.starts_on},
      {"ends_on", c->ends_on != before.ends_on},
      {"lead_organization_id", c->lead_organization_id != before.lead_organization_id},
      {"key_messages", c->key_messages != before.key_messages},
      {"document_ids", c->document_ids != before.document_ids},
      {"event_ids", c->event_ids != before.event_ids},
  };
  for (const auto& f : fields) {
    if (f.differs) changed->emplace_back(f.field);
  }
  return problems;
}

bool CanManage(const identity::Caller& caller, const Campaign& c) {
  if (caller.IsNetworkAdmin()) return true;
  return caller.IsCoordinator() && c.scope == "national" && c.country == caller.country;
}

}  // namespace iris::documents::domain
