// The iCalendar feed (RFC 5545) of events: one VCALENDAR with a VEVENT per event, written so
// that standard clients import it — CRLF line ends, lines folded at 75 octets without splitting
// a UTF-8 character, TEXT values escaped, times in UTC. Pure text, no I/O.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "services/events/domain/event.hpp"

namespace iris::events::domain {

// The most events one feed carries, newest first by start (docs/openapi.yaml says so).
inline constexpr int kMaxCalendarEvents = 500;
// The most characters of an event's description the feed carries (then "…"): the full text is
// on GET /v1/events/{id}; a feed of 500 events stays small enough for calendar clients.
inline constexpr size_t kMaxCalendarDescription = 1000;

// The whole VCALENDAR of `events` (in the order given). Drafts are the caller's to leave out.
std::string CalendarText(const std::vector<Event>& events);

// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon and comma get a backslash,
// a line break becomes \n; other control characters are dropped.
std::string EscapeText(std::string_view text);

// `text` cut to at most `max_chars` characters, never inside a UTF-8 sequence, with "…" after
// a cut (so max_chars + 1 characters then).
std::string TruncatedText(std::string_view text, size_t max_chars);

// One content line folded (RFC 5545 3.1): at most 75 octets per physical line, continuations
// starting with a space, never inside a UTF-8 sequence; each physical line ends in CRLF.
std::string FoldLine(std::string_view line);

// An instant as a UTC DATE-TIME with a four-digit year: 20211020T070000Z.
std::string UtcDateTime(Time t);

// The text clients show for a localized map: English, else the first language's.
std::string PreferredText(const LocalizedText& text);

}  // namespace iris::events::domain
