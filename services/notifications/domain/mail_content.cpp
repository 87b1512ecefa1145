#include "services/notifications/domain/mail_content.hpp"

#include <array>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/notifications/domain/mail_format.hpp"
#include "services/notifications/domain/topics.hpp"

namespace iris::notifications::domain {
namespace {

struct LinkRule {
  std::string_view family;  // the type's first two segments
  std::string_view path;    // "{}" is replaced by the id
  std::string_view id_key;  // payload key holding the id; "" for the subject
};

// The API's resource paths (docs/openapi.yaml); events and documents as API.md names them.
constexpr auto kLinks = std::to_array<LinkRule>({
    {"documents.campaign", "/v1/campaigns/{}", ""},
    {"documents.document", "/v1/documents/{}", ""},
    {"documents.file", "/v1/documents/{}", "document_id"},
    {"documents.version", "/v1/documents/{}", "document_id"},
    {"events.event", "/v1/events/{}", ""},
    {"events.placement", "/v1/placements/{}", ""},
    {"events.programme", "/v1/programmes/{}", ""},
    {"events.registration", "/v1/registrations/{}", ""},
    {"events.session", "/v1/events/{}/sessions", "event_id"},
    {"grants.application", "/v1/grant-applications/{}", ""},
    {"grants.call", "/v1/grant-calls/{}", ""},
    {"grants.grant", "/v1/grants/{}", ""},
    {"grants.report", "/v1/grant-reports/{}", ""},
    {"grants.review", "/v1/grant-applications/{}", "application_id"},
    {"grants.reviewer", "/v1/grant-applications/{}", "application_id"},
    {"grants.tranche", "/v1/tranches/{}", ""},
    {"membership.application", "/v1/membership-applications/{}", ""},
    {"membership.organization", "/v1/organizations/{}", ""},
    {"membership.person", "/v1/people/{}", ""},
    {"membership.service", "/v1/organizations/{}/services", "organization_id"},
});
constexpr std::string_view kInboxPath = "/v1/me/inbox";

// Ids are ours (uuids), but a path segment must stay one segment whatever they hold.
std::string PathSegment(std::string_view id) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : id) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

std::string StringOf(const nlohmann::json& payload, std::string_view key) {
  auto it = payload.find(std::string(key));
  if (it == payload.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

// A localized map ({"en": ..., "sr-Latn": ...}) or a plain string, in `language` if it has it.
std::string LocalizedOf(const nlohmann::json& v, std::string_view language) {
  if (v.is_string()) return v.get<std::string>();
  if (!v.is_object() || v.empty()) return "";
  for (std::string_view l : {language, std::string_view("en")}) {
    auto it = v.find(std::string(l));
    if (it != v.end() && it->is_string()) return it->get<std::string>();
  }
  for (const auto& [key, text] : v.items()) {
    if (text.is_string()) return text.get<std::string>();
  }
  return "";
}

std::string Readable(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M UTC", t, absl::UTCTimeZone());
}

// An RFC 3339 instant from a payload, readable; the text as sent when it is not one.
std::string ReadableInstant(const std::string& text) {
  absl::Time t;
  std::string err;
  if (absl::ParseTime(absl::RFC3339_full, text, &t, &err)) return Readable(t);
  return text;
}

}  // namespace

std::string LinkPathOf(std::string_view type, std::string_view subject_id,
                       const nlohmann::json& payload) {
  const size_t second_dot = type.find('.', type.find('.') + 1);
  const std::string_view family = type.substr(0, second_dot);
  // A reminder about a registration deadline is about the event.
  if (type == "events.registration.closing") {
    return absl::StrCat("/v1/events/", PathSegment(subject_id));
  }
  for (const LinkRule& r : kLinks) {
    if (r.family != family) continue;
    const std::string id = r.id_key.empty() ? std::string(subject_id) : StringOf(payload, r.id_key);
    if (id.empty()) break;
    std::string path(r.path);
    path.replace(path.find("{}"), 2, PathSegment(id));
    return path;
  }
  return std::string(kInboxPath);
}

MailValues MailValuesOf(const MailItem& item, std::string_view language,
                        std::string_view public_base_url) {
  MailValues v;
  std::string base(public_base_url);
  while (base.ends_with('/')) base.pop_back();
  const auto topic = FindTopic(item.type);
  v["type"] = item.type;
  v["description"] = topic ? std::string(topic->description) : item.type;
  v["subject_id"] = item.subject_id;
  v["name"] = item.name;
  v["link"] = base + LinkPathOf(item.type, item.subject_id, item.payload);
  v["occurred_at"] = Readable(absl::FromChrono(item.occurred_at));
  v["status"] = StringOf(item.payload, "status");
  std::string title;
  for (std::string_view key : {"title", "project_title", "name"}) {
    if (auto it = item.payload.find(std::string(key)); it != item.payload.end()) {
      title = LocalizedOf(*it, language);
      if (!title.empty()) break;
    }
  }
  v["title"] = title.empty() ? item.subject_id : title;
  std::string closes = StringOf(item.payload, "closes_at");
  if (closes.empty()) closes = StringOf(item.payload, "registration_closes_at");
  v["closes_at"] = ReadableInstant(closes);
  // Values from a payload or a person's record are one line each: a name holding a line break
  // cannot shape the mail.
  for (auto& [key, value] : v) value = OneLine(value);
  return v;
}

RenderedMail RenderMail(const MailTemplates& templates, const MailItem& item,
                        std::string_view public_base_url) {
  const auto [tpl, language] = templates.Find(item.language, item.type);
  const MailValues values = MailValuesOf(item, language, public_base_url);
  return {.subject = RenderText(tpl->subject, values),
          .body = RenderText(tpl->body, values),
          .language = language};
}

}  // namespace iris::notifications::domain
