#include "services/grants/domain/open_data.hpp"

#include <cstdio>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "libs/values/local_dates.hpp"

namespace iris::grants::domain {
namespace {

// The network's countries by name (Beneficiary Location:Name). Kosovo's XK is user-assigned,
// outside ISO 3166-1 and so outside the standard's countryCode list: it goes by name alone.
const std::map<std::string, std::string>& CountryNames() {
  static const std::map<std::string, std::string> kNames{
      {"AL", "Albania"},    {"BA", "Bosnia and Herzegovina"}, {"HR", "Croatia"},
      {"ME", "Montenegro"}, {"MK", "North Macedonia"},        {"RS", "Serbia"},
      {"XK", "Kosovo"}};
  return kNames;
}

bool HasIsoCountryCode(const std::string& country) { return country != "XK"; }

std::string CountryName(const std::string& country) {
  const auto it = CountryNames().find(country);
  return it == CountryNames().end() ? "" : it->second;
}

// A JSON string literal (quotes included); the text is UTF-8 from Postgres.
std::string Json(std::string_view text) {
  std::string out = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out + "\"";
}

std::string DateTimeText(values::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::FromChrono(t), absl::UTCTimeZone());
}

std::string AwardDate(const OpenDataAward& a) {
  return values::DateText(values::DayOf(a.awarded_at, a.timezone));
}

std::string GrantIdentifier(const OpenDataPublisher& p, const OpenDataAward& a) {
  return absl::StrCat(p.prefix, "-", a.grant_id);
}

// "key": value pairs joined into an object; values are JSON already.
using Members = std::vector<std::pair<std::string_view, std::string>>;
std::string Object(const Members& members) {
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ",";
    absl::StrAppend(&out, Json(key), ":", value);
  }
  return out + "}";
}

std::string GrantJson(const OpenDataPublisher& p, const OpenDataAward& a) {
  Members location;
  const std::string name = CountryName(a.country);
  if (!name.empty()) location.emplace_back("name", Json(name));
  // The schema's countryCode list has no null either: XK goes without one.
  if (HasIsoCountryCode(a.country)) location.emplace_back("countryCode", Json(a.country));
  const std::string programme = EnglishText(a.call_title);
  return Object({
      {"id", Json(GrantIdentifier(p, a))},
      {"title", Json(a.title)},
      {"description", Json(programme)},
      {"currency", Json(a.currency)},
      {"amountAppliedFor", AmountInUnits(a.requested)},
      {"amountAwarded", AmountInUnits(a.amount)},
      {"awardDate", Json(AwardDate(a))},
      {"plannedDates", "[" +
                           Object({{"startDate", Json(a.starts_on)},
                                   {"endDate", Json(a.ends_on)},
                                   {"duration", std::to_string(a.duration_months)}}) +
                           "]"},
      {"recipientOrganization", "[" +
                                    Object({{"id", Json(RecipientIdentifier(p, a.organization_id))},
                                            {"name", Json(a.organization_name)}}) +
                                    "]"},
      {"beneficiaryLocation", "[" + Object(location) + "]"},
      {"fundingOrganization",
       "[" + Object({{"id", Json(p.funder_identifier)}, {"name", Json(p.funder_name)}}) + "]"},
      {"grantProgramme",
       "[" + Object({{"code", Json(a.call_id)}, {"title", Json(programme)}}) + "]"},
      {"fromOpenCall", Json("Yes")},
      {"dateModified", Json(DateTimeText(a.modified))},
  });
}

}  // namespace

std::string AmountInUnits(int64_t minor_units) {
  const bool negative = minor_units < 0;
  const uint64_t abs =
      negative ? 0 - static_cast<uint64_t>(minor_units) : static_cast<uint64_t>(minor_units);
  std::string out = absl::StrCat(negative ? "-" : "", abs / 100);
  const uint64_t cents = abs % 100;
  if (cents == 0) return out;
  if (cents % 10 == 0) return absl::StrCat(out, ".", cents / 10);
  return absl::StrCat(out, cents < 10 ? ".0" : ".", cents);
}

std::string EnglishText(const values::LocalizedText& text) {
  const auto en = text.find("en");
  if (en != text.end()) return en->second;
  return text.empty() ? "" : text.begin()->second;
}

std::string RecipientIdentifier(const OpenDataPublisher& publisher,
                                std::string_view organization_id) {
  return absl::StrCat(publisher.prefix, "-ORG-", std::string(organization_id));
}

std::string OpenDataJson(const OpenDataPublisher& publisher,
                         const std::vector<OpenDataAward>& awards) {
  std::optional<values::Time> modified;
  std::string grants = "[";
  for (const auto& a : awards) {
    if (grants.size() > 1) grants += ",";
    grants += GrantJson(publisher, a);
    if (!modified || a.modified > *modified) modified = a.modified;
  }
  grants += "]";
  Members package{
      {"version", Json(kOpenDataSchemaVersion)},
      {"title", Json(absl::StrCat(publisher.funder_name, ": grants awarded"))},
      {"identifier", Json(absl::StrCat(publisher.prefix, "-grants"))},
      {"publisher", Object({{"identifier", Json(publisher.funder_identifier)},
                            {"name", Json(publisher.funder_name)}})},
  };
  // The latest change of any grant published: the same awards give the same document.
  if (modified) package.emplace_back("modified", Json(DateTimeText(*modified)));
  package.emplace_back("grants", grants);
  return Object(package) + "\n";
}

const std::vector<std::string>& OpenDataCsvColumns() {
  static const std::vector<std::string> kColumns{
      "Identifier",
      "Title",
      "Description",
      "Currency",
      "Amount Applied For",
      "Amount Awarded",
      "Award Date",
      "Recipient Org:Identifier",
      "Recipient Org:Name",
      "Funding Org:Identifier",
      "Funding Org:Name",
      "Planned Dates:Start Date",
      "Planned Dates:End Date",
      "Planned Dates:Duration (months)",
      "Beneficiary Location:Name",
      "Beneficiary Location:Country Code",
      "Grant Programme:Code",
      "Grant Programme:Title",
      "From An Open Call?",
      "Last Modified",
  };
  return kColumns;
}

std::string CsvField(std::string_view raw) {
  // A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or CR: OWASP's
  // "CSV injection") gets a leading apostrophe: members write project titles, and the
  // newsletter team opens this file in a spreadsheet.
  std::string guarded;
  if (!raw.empty() && std::string_view("=+-@\t\r").find(raw.front()) != std::string_view::npos) {
    guarded = "'" + std::string(raw);
    raw = guarded;
  }
  const std::string_view text = raw;
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string OpenDataCsv(const OpenDataPublisher& publisher,
                        const std::vector<OpenDataAward>& awards) {
  std::string out;
  auto row = [&out](const std::vector<std::string>& fields) {
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += ",";
      out += CsvField(fields[i]);
    }
    out += "\r\n";
  };
  row(OpenDataCsvColumns());
  for (const auto& a : awards) {
    const std::string programme = EnglishText(a.call_title);
    row({GrantIdentifier(publisher, a),
         a.title,
         programme,
         a.currency,
         AmountInUnits(a.requested),
         AmountInUnits(a.amount),
         AwardDate(a),
         RecipientIdentifier(publisher, a.organization_id),
         a.organization_name,
         publisher.funder_identifier,
         publisher.funder_name,
         a.starts_on,
         a.ends_on,
         std::to_string(a.duration_months),
         CountryName(a.country),
         HasIsoCountryCode(a.country) ? a.country : "",
         a.call_id,
         programme,
         "Yes",
         DateTimeText(a.modified)});
  }
  return out;
}

}  // namespace iris::grants::domain
