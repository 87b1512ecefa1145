// Every award as 360Giving open data (Data Standard 1.4, ../shared/standards/360giving/): the
// data package (JSON) and its spreadsheet form (CSV, the standard's column titles). Public and
// free of personal data: organisations, projects, amounts and dates only. Pure functions of the
// award rows, so the same awards always give the same bytes (the gateway's ETag relies on it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/values/types.hpp"

namespace iris::grants::domain {

// Who publishes: identifiers are "<prefix>-<grant id>" (the publisher's 360G- prefix); the
// funder is the network.
struct OpenDataPublisher {
  std::string prefix;             // e.g. "360G-iris"
  std::string funder_identifier;  // fundingOrganization[].id, publisher.identifier
  std::string funder_name;
};

// One grant as published: what grants.grants, its application and its call say.
struct OpenDataAward {
  std::string grant_id;
  std::string title;                 // the project's title
  values::LocalizedText call_title;  // the description and the grant programme's title
  std::string call_id;
  std::string currency;
  int64_t requested = 0;  // minor units
  int64_t amount = 0;     // minor units
  values::Time awarded_at;
  std::string timezone;  // the call's: the award date is the day there
  std::string organization_id;
  std::string organization_name;
  std::string country;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
  int duration_months = 0;
  values::Time modified;  // the grant's updated_at
};

// The 360Giving schema version the documents follow (package "version": major.minor).
inline constexpr std::string_view kOpenDataSchemaVersion = "1.4";

// Minor units as the standard writes amounts, in currency units: 650000 -> "6500",
// 650050 -> "6500.5", 650005 -> "6500.05" (every currency of the scheme has two decimals).
std::string AmountInUnits(int64_t minor_units);

// The text of the call's title used for the English documents: "en", else the first language.
std::string EnglishText(const values::LocalizedText& text);

// A recipient organisation's identifier: "<prefix>-ORG-<organisation id>" (org-id.guide's
// fallback for organisations without a known register number: publisher-internal, 360G-).
std::string RecipientIdentifier(const OpenDataPublisher& publisher,
                                std::string_view organization_id);

// The data package: {"version", "title", "identifier", "publisher", "modified"?, "grants": [...]}
// with the awards in the given order.
std::string OpenDataJson(const OpenDataPublisher& publisher,
                         const std::vector<OpenDataAward>& awards);

// The same grants as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break
// quoted, quotes doubled), one header row of the standard's column titles.
std::string OpenDataCsv(const OpenDataPublisher& publisher,
                        const std::vector<OpenDataAward>& awards);

// One CSV field as RFC 4180 writes it.
std::string CsvField(std::string_view text);

// The CSV header row's titles, in order.
const std::vector<std::string>& OpenDataCsvColumns();

}  // namespace iris::grants::domain
