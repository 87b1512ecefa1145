// The iCalendar text: escaping, folding at 75 octets without splitting UTF-8, UTC times, CRLF
// everywhere and the statuses. (tests/e2e/events_e2e_test.cpp has ical.js parse a real feed.)
#include "services/events/domain/calendar.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "absl/strings/str_split.h"

namespace iris::events::domain {
namespace {

Time At(int64_t unix_seconds) { return Time(std::chrono::seconds(unix_seconds)); }

TEST(CalendarTest, EscapesTextValues) {
  EXPECT_EQ(EscapeText("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng");
  EXPECT_EQ(EscapeText(std::string("x\x01y\tz", 5)), "xy\tz");
}

TEST(CalendarTest, FoldsAt75OctetsWithoutSplittingACharacter) {
  EXPECT_EQ(FoldLine("SUMMARY:short"), "SUMMARY:short\r\n");
  std::string line = "SUMMARY:";
  for (int i = 0; i < 60; ++i) line += "ž";  // two octets each
  const std::string folded = FoldLine(line);
  std::string unfolded;
  const std::vector<std::string> lines = absl::StrSplit(folded, "\r\n", absl::SkipEmpty());
  for (const std::string& whole : lines) {
    std::string_view part = whole;
    EXPECT_LE(part.size(), 75u);
    // No physical line starts with a UTF-8 continuation octet (after the folding space).
    const size_t first = unfolded.empty() ? 0 : 1;
    ASSERT_GT(part.size(), first);
    EXPECT_NE(static_cast<unsigned char>(part[first]) & 0xC0, 0x80);
    if (!unfolded.empty()) {
      EXPECT_EQ(part[0], ' ');
      part.remove_prefix(1);
    }
    unfolded += std::string(part);
  }
  EXPECT_EQ(unfolded, line);
  EXPECT_EQ(folded.substr(folded.size() - 2), "\r\n");
}

TEST(CalendarTest, WritesEachEventWithUtcTimesAndItsStatus) {
  Event e;
  e.id = "7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d";
  e.title = {{"sr-Latn", "Javno slušanje"}, {"en", "Public hearing; Belgrade, 2021"}};
  e.description = {{"sr-Latn", "Opis"}};
  e.venue = "Dom Narodne skupštine";
  e.city = "Belgrade";
  e.location_country = "RS";
  e.starts_at = At(1634713200);
  e.ends_at = At(1634914800);
  e.updated_at = At(1634000000);
  e.status = EventStatus::kCancelled;
  const std::string ics = CalendarText({e});
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:", 0), 0u);
  EXPECT_NE(ics.find("UID:7d7c8f0e-1b7a-4c55-9d8c-3f1f2b4a5c6d@iris\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART:20211020T070000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTEND:20211022T150000Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTAMP:20211012T005320Z\r\n"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Public hearing\\; Belgrade\\, 2021\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DESCRIPTION:Opis\r\n"), std::string::npos);
  EXPECT_NE(ics.find("LOCATION:Dom Narodne skupštine\\, Belgrade\\, RS\r\n"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CANCELLED\r\n"), std::string::npos);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  // Every line ends in CRLF: no bare LF anywhere.
  for (size_t i = 0; i < ics.size(); ++i) {
    if (ics[i] == '\n') {
      EXPECT_EQ(ics[i - 1], '\r') << i;
    }
  }
  e.status = EventStatus::kPublished;
  e.title = {{"sr-Latn", "Javno slušanje"}};
  const std::string published = CalendarText({e});
  EXPECT_NE(published.find("STATUS:CONFIRMED\r\n"), std::string::npos);
  EXPECT_NE(published.find("SUMMARY:Javno slušanje\r\n"), std::string::npos);
}

TEST(CalendarTest, FourDigitYearsSequenceAndACutDescription) {
  EXPECT_EQ(UtcDateTime(At(-31556908800)), "09700101T000000Z");  // the year 970
  EXPECT_EQ(UtcDateTime(At(253402300799)), "99991231T235959Z");
  Event e;
  e.id = "e";
  e.title = {{"en", "Academy"}};
  e.starts_at = At(1634713200);
  e.ends_at = At(1634914800);
  e.updated_at = At(1634000000);
  e.status = EventStatus::kPublished;
  e.version = 4;
  std::string long_text;
  for (int i = 0; i < 1200; ++i) long_text += "ž";  // 2 octets each
  e.description = {{"en", long_text}};
  const std::string ics = CalendarText({e});
  EXPECT_NE(ics.find("SEQUENCE:3\r\n"), std::string::npos);
  // Unfold the DESCRIPTION and count its characters: 1000, then the ellipsis.
  const size_t at = ics.find("DESCRIPTION:");
  ASSERT_NE(at, std::string::npos);
  std::string value;
  for (size_t i = at + 12; i < ics.size();) {
    const size_t end = ics.find("\r\n", i);
    value += ics.substr(i, end - i);
    if (ics[end + 2] != ' ') break;
    i = end + 3;
  }
  EXPECT_EQ(value, long_text.substr(0, 2000) + "\xE2\x80\xA6");
  EXPECT_EQ(TruncatedText("short", 1000), "short");
  EXPECT_EQ(TruncatedText("čćđšž", 3), "čćđ\xE2\x80\xA6");
  EXPECT_EQ(kMaxCalendarEvents, 500);
}

}  // namespace
}  // namespace iris::events::domain
