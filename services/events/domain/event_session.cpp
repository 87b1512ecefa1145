#include "services/events/domain/event_session.hpp"

#include <algorithm>
#include <array>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/values/reference_codes.hpp"

namespace iris::events::domain {
namespace {

constexpr std::array<std::string_view, 5> kReadOnly{"id", "event_id", "version", "created_at",
                                                    "updated_at"};

}  // namespace

bool IsReadOnlySessionField(std::string_view field) {
  return std::find(kReadOnly.begin(), kReadOnly.end(), field) != kReadOnly.end();
}

std::vector<InvalidField> NewSession(const SessionInput& in, const Event& event, Session* out) {
  std::vector<InvalidField> problems;
  auto add = [&](std::string field, std::string message) {
    problems.push_back({std::move(field), std::move(message)});
  };
  *out = Session{};
  out->event_id = event.id;
  for (const auto& f : in.read_only_sent) add(f, "is read-only; the server sets it");
  for (const auto& f : in.unknown_sent) add(f, "is not a field of a session");
  const auto& langs = values::LanguageCodes();
  if (!in.title || in.title->empty()) {
    add("title", "is required: a map of language to text, such as {\"en\": ...}");
  }
  if (in.title) {
    out->title = values::CheckLocalizedText(*in.title, "title", langs, kMaxTitle, &problems);
  }
  if (in.description) {
    out->description = values::CheckLocalizedText(*in.description, "description", langs,
                                                  kMaxSessionDescription, &problems);
  }
  bool times_ok = true;
  if (!in.starts_at || !in.starts_at->has_value()) {
    add("starts_at", "is required: an instant (RFC 3339) inside the event's time");
    times_ok = false;
  } else if (!values::IsSupportedInstant(**in.starts_at)) {
    add("starts_at", "must be an instant (RFC 3339) in the years 1900 to 9999");
    times_ok = false;
  } else {
    out->starts_at = **in.starts_at;
  }
  if (!in.ends_at || !in.ends_at->has_value()) {
    add("ends_at", "is required: an instant (RFC 3339) inside the event's time");
    times_ok = false;
  } else if (!values::IsSupportedInstant(**in.ends_at)) {
    add("ends_at", "must be an instant (RFC 3339) in the years 1900 to 9999");
    times_ok = false;
  } else {
    out->ends_at = **in.ends_at;
  }
  if (times_ok) {
    if (out->starts_at < event.starts_at || out->starts_at >= event.ends_at) {
      add("starts_at", "must lie inside the event's time (from its starts_at, before its ends_at)");
    }
    if (out->ends_at <= out->starts_at) {
      add("ends_at", "must be after starts_at");
    } else if (out->ends_at > event.ends_at) {
      add("ends_at", "must lie inside the event's time (at most its ends_at)");
    }
  }
  if (in.speakers) {
    if (in.speakers->size() > kMaxSpeakers) {
      add("speakers", absl::StrCat("must list at most ", kMaxSpeakers, " speakers"));
    } else {
      for (size_t i = 0; i < in.speakers->size(); ++i) {
        const auto& s = (*in.speakers)[i];
        const std::string field = absl::StrCat("speakers[", i, "]");
        Speaker speaker{std::string(absl::StripAsciiWhitespace(s.name)),
                        std::string(absl::StripAsciiWhitespace(s.organization))};
        if (speaker.name.empty()) {
          add(field + ".name", "is required");
        } else if (values::CharCount(speaker.name) > kMaxSpeakerName) {
          add(field + ".name", absl::StrCat("must be at most ", kMaxSpeakerName, " characters"));
        }
        if (values::CharCount(speaker.organization) > kMaxSpeakerOrganization) {
          add(field + ".organization",
              absl::StrCat("must be at most ", kMaxSpeakerOrganization, " characters"));
        }
        out->speakers.push_back(std::move(speaker));
      }
    }
  }
  return problems;
}

std::vector<InvalidField> SessionsFit(const Event& event, Time first_start, Time last_end) {
  std::vector<InvalidField> problems;
  if (first_start < event.starts_at) {
    problems.push_back({"starts_at", "must be at most the start of its first session"});
  }
  if (last_end > event.ends_at) {
    problems.push_back({"ends_at", "must be at least the end of its last session"});
  }
  return problems;
}

bool TakesSessions(const Event& event) {
  return event.status == EventStatus::kDraft || event.status == EventStatus::kPublished;
}

}  // namespace iris::events::domain
