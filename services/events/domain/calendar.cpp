#include "services/events/domain/calendar.hpp"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace iris::events::domain {
namespace {

constexpr size_t kMaxOctets = 75;

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

void Line(std::string* out, std::string_view name, std::string_view value) {
  out->append(FoldLine(std::string(name) + ":" + std::string(value)));
}

std::string LocationText(const Event& e) {
  std::vector<std::string> parts;
  for (const std::string* p : {&e.venue, &e.city, &e.location_country}) {
    if (!p->empty()) parts.push_back(*p);
  }
  return absl::StrJoin(parts, ", ");
}

void AppendEvent(const Event& e, std::string* out) {
  Line(out, "BEGIN", "VEVENT");
  Line(out, "UID", e.id + "@iris");
  Line(out, "DTSTAMP", UtcDateTime(e.updated_at));
  Line(out, "DTSTART", UtcDateTime(e.starts_at));
  Line(out, "DTEND", UtcDateTime(e.ends_at));
  // Clients apply a changed VEVENT of the same UID only when its SEQUENCE grew: the version
  // counts every change from the first (1 -> SEQUENCE:0).
  Line(out, "SEQUENCE", absl::StrCat(e.version > 0 ? e.version - 1 : 0));
  Line(out, "SUMMARY", EscapeText(PreferredText(e.title)));
  if (!e.description.empty()) {
    Line(out, "DESCRIPTION",
         EscapeText(TruncatedText(PreferredText(e.description), kMaxCalendarDescription)));
  }
  if (const auto where = LocationText(e); !where.empty()) {
    Line(out, "LOCATION", EscapeText(where));
  } else if (!e.online_url.empty()) {
    Line(out, "LOCATION", EscapeText(e.online_url));
  }
  // A URI value is not TEXT: no escaping; online_url was checked to be an https address
  // without spaces or control characters when it was written.
  if (!e.online_url.empty()) Line(out, "URL", e.online_url);
  Line(out, "STATUS", e.status == EventStatus::kCancelled ? "CANCELLED" : "CONFIRMED");
  Line(out, "END", "VEVENT");
}

}  // namespace

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i + 1 >= text.size() || text[i + 1] != '\n') out += "\\n";  // a lone CR is a break too
        break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string TruncatedText(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuation(static_cast<unsigned char>(text[i]))) continue;
    if (chars == max_chars) return std::string(text.substr(0, i)) + "\xE2\x80\xA6";  // …
    ++chars;
  }
  return std::string(text);
}

std::string FoldLine(std::string_view line) {
  std::string out;
  size_t budget = kMaxOctets;  // the first line has 75 octets; continuations 74 after the space
  while (line.size() > budget) {
    size_t cut = budget;
    while (cut > 0 && IsContinuation(static_cast<unsigned char>(line[cut]))) --cut;
    out.append(line.substr(0, cut));
    out.append("\r\n ");
    line.remove_prefix(cut);
    budget = kMaxOctets - 1;
  }
  out.append(line);
  out.append("\r\n");
  return out;
}

// From the microseconds: absl::FromChrono would pass through the system clock's nanoseconds,
// which overflow outside 1678..2262.
std::string UtcDateTime(Time t) {
  return absl::FormatTime("%E4Y%m%dT%H%M%SZ", absl::FromUnixMicros(t.time_since_epoch().count()),
                          absl::UTCTimeZone());
}

std::string PreferredText(const LocalizedText& text) {
  if (auto en = text.find("en"); en != text.end()) return en->second;
  return text.empty() ? std::string() : text.begin()->second;
}

std::string CalendarText(const std::vector<Event>& events) {
  std::string out;
  Line(&out, "BEGIN", "VCALENDAR");
  Line(&out, "VERSION", "2.0");
  Line(&out, "PRODID", "-//IRIS Network//Events//EN");
  Line(&out, "CALSCALE", "GREGORIAN");
  Line(&out, "METHOD", "PUBLISH");
  Line(&out, "X-WR-CALNAME", "IRIS events");
  for (const auto& e : events) AppendEvent(e, &out);
  Line(&out, "END", "VCALENDAR");
  return out;
}

}  // namespace iris::events::domain
