// The 360Giving documents as pure functions of award rows: shape, amounts, dates, CSV quoting.
#include "services/grants/domain/open_data.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "absl/strings/str_split.h"

namespace iris::grants::domain {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

const OpenDataPublisher kPublisher{
    .prefix = "360G-iris", .funder_identifier = "360G-iris", .funder_name = "IRIS Network"};

OpenDataAward Award() {
  return {
      .grant_id = "00000000-0000-4000-c400-000000000001",
      .title = "Day care in Vlasotince",
      .call_title = {{"sr-Latn", "Program malih grantova 2021"},
                     {"en", "Small Grants Scheme 2021"}},
      .call_id = "00000000-0000-4000-c000-000000000001",
      .currency = "EUR",
      .requested = 700000,
      .amount = 650000,
      // 22:30 UTC on 14 June is 15 June in Belgrade: the award date is the call's day.
      .awarded_at = values::Time(sys_days(std::chrono::year{2021} / 6 / 14) + 22h + 30min),
      .timezone = "Europe/Belgrade",
      .organization_id = "00000000-0000-4000-8000-00000000000d",
      .organization_name = "Udruženje Osmeh Vlasotince",
      .country = "RS",
      .starts_on = "2021-07-01",
      .ends_on = "2022-06-30",
      .duration_months = 12,
      .modified = values::Time(sys_days(std::chrono::year{2022} / 1 / 20) + 11h),
  };
}

TEST(AmountInUnitsTest, WholeUnitsHaveNoDecimalsAndCentsKeepOnlyWhatIsNeeded) {
  EXPECT_EQ(AmountInUnits(650000), "6500");
  EXPECT_EQ(AmountInUnits(650050), "6500.5");
  EXPECT_EQ(AmountInUnits(650005), "6500.05");
  EXPECT_EQ(AmountInUnits(650099), "6500.99");
  EXPECT_EQ(AmountInUnits(1), "0.01");
  EXPECT_EQ(AmountInUnits(0), "0");
  EXPECT_EQ(AmountInUnits(-150), "-1.5");
}

TEST(OpenDataJsonTest, PackageCarriesTheStandardsRequiredFieldsOfEachGrant) {
  const auto doc = nlohmann::json::parse(OpenDataJson(kPublisher, {Award()}));
  EXPECT_EQ(doc["version"], "1.4");
  EXPECT_EQ(doc["publisher"]["name"], "IRIS Network");
  EXPECT_EQ(doc["modified"], "2022-01-20T11:00:00Z");
  ASSERT_EQ(doc["grants"].size(), 1u);
  const auto& g = doc["grants"][0];
  EXPECT_EQ(g["id"], "360G-iris-00000000-0000-4000-c400-000000000001");
  EXPECT_EQ(g["title"], "Day care in Vlasotince");
  EXPECT_EQ(g["description"], "Small Grants Scheme 2021");
  EXPECT_EQ(g["currency"], "EUR");
  ASSERT_TRUE(g["amountAwarded"].is_number_integer()) << g["amountAwarded"];
  EXPECT_EQ(g["amountAwarded"], 6500);
  EXPECT_EQ(g["amountAppliedFor"], 7000);
  EXPECT_EQ(g["awardDate"], "2021-06-15");
  EXPECT_EQ(g["recipientOrganization"][0]["id"],
            "360G-iris-ORG-00000000-0000-4000-8000-00000000000d");
  EXPECT_EQ(g["recipientOrganization"][0]["name"], "Udruženje Osmeh Vlasotince");
  EXPECT_EQ(g["fundingOrganization"],
            nlohmann::json::parse(R"([{"id": "360G-iris", "name": "IRIS Network"}])"));
  EXPECT_EQ(g["plannedDates"], nlohmann::json::parse(
                                   R"([{"startDate": "2021-07-01", "endDate": "2022-06-30",
                                        "duration": 12}])"));
  EXPECT_EQ(g["beneficiaryLocation"],
            nlohmann::json::parse(R"([{"name": "Serbia", "countryCode": "RS"}])"));
  EXPECT_EQ(g["grantProgramme"][0]["code"], "00000000-0000-4000-c000-000000000001");
  EXPECT_EQ(g["fromOpenCall"], "Yes");
  EXPECT_EQ(g["dateModified"], "2022-01-20T11:00:00Z");
}

TEST(OpenDataJsonTest, CentsAreDecimalsAndTextIsEscaped) {
  auto a = Award();
  a.amount = 650050;
  a.title = "Quotes \" and \\ and a\nline";
  const auto doc = nlohmann::json::parse(OpenDataJson(kPublisher, {a}));
  EXPECT_DOUBLE_EQ(doc["grants"][0]["amountAwarded"].get<double>(), 6500.5);
  EXPECT_EQ(doc["grants"][0]["title"], "Quotes \" and \\ and a\nline");
}

TEST(OpenDataJsonTest, KosovoIsALocationByNameOutsideTheCountryCodeList) {
  auto a = Award();
  a.country = "XK";
  const auto doc = nlohmann::json::parse(OpenDataJson(kPublisher, {a}));
  EXPECT_EQ(doc["grants"][0]["beneficiaryLocation"],
            nlohmann::json::parse(R"([{"name": "Kosovo"}])"));
}

TEST(OpenDataJsonTest, NoAwardsIsAnEmptyPackageWithoutModified) {
  const auto doc = nlohmann::json::parse(OpenDataJson(kPublisher, {}));
  EXPECT_TRUE(doc["grants"].is_array() && doc["grants"].empty());
  EXPECT_FALSE(doc.contains("modified"));
}

TEST(OpenDataJsonTest, ACallWithoutEnglishTitleUsesItsFirstLanguage) {
  auto a = Award();
  a.call_title = {{"sr-Latn", "Program malih grantova 2021"}};
  const auto doc = nlohmann::json::parse(OpenDataJson(kPublisher, {a}));
  EXPECT_EQ(doc["grants"][0]["description"], "Program malih grantova 2021");
}

TEST(CsvFieldTest, QuotesOnlyWhatRfc4180Requires) {
  EXPECT_EQ(CsvField("plain text"), "plain text");
  EXPECT_EQ(CsvField("a, b"), "\"a, b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
  EXPECT_EQ(CsvField(""), "");
}

TEST(CsvFieldTest, CellsASpreadsheetWouldRunAsFormulasStartWithAnApostrophe) {
  EXPECT_EQ(CsvField("=HYPERLINK(\"http://x\",\"Click\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"Click\"\")\"");
  EXPECT_EQ(CsvField("+1"), "'+1");
  EXPECT_EQ(CsvField("-2"), "'-2");
  EXPECT_EQ(CsvField("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(CsvField("\tx"), "'\tx");
  EXPECT_EQ(CsvField("6500"), "6500");
  EXPECT_EQ(CsvField("a=b"), "a=b");
}

TEST(OpenDataCsvTest, HeaderOfStandardTitlesThenOneCrlfRowPerGrant) {
  auto a = Award();
  a.organization_name = "Osmeh, \"Smile\"";
  const std::string csv = OpenDataCsv(kPublisher, {a});
  const std::vector<std::string> lines = absl::StrSplit(csv, "\r\n");
  ASSERT_EQ(lines.size(), 3u) << csv;  // header, one grant, "" after the last CRLF
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[0],
            "Identifier,Title,Description,Currency,Amount Applied For,Amount Awarded,Award Date,"
            "Recipient Org:Identifier,Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,"
            "Planned Dates:Start Date,Planned Dates:End Date,Planned Dates:Duration (months),"
            "Beneficiary Location:Name,Beneficiary Location:Country Code,Grant Programme:Code,"
            "Grant Programme:Title,From An Open Call?,Last Modified");
  EXPECT_EQ(lines[1],
            "360G-iris-00000000-0000-4000-c400-000000000001,Day care in Vlasotince,"
            "Small Grants Scheme 2021,EUR,7000,6500,2021-06-15,"
            "360G-iris-ORG-00000000-0000-4000-8000-00000000000d,\"Osmeh, \"\"Smile\"\"\","
            "360G-iris,IRIS Network,2021-07-01,2022-06-30,12,Serbia,RS,"
            "00000000-0000-4000-c000-000000000001,Small Grants Scheme 2021,Yes,"
            "2022-01-20T11:00:00Z");
}

TEST(OpenDataCsvTest, NoAwardsIsTheHeaderAlone) {
  const std::string csv = OpenDataCsv(kPublisher, {});
  EXPECT_EQ(csv.substr(0, 11), "Identifier,");
  EXPECT_EQ(csv.find("\r\n"), csv.size() - 2);
}

}  // namespace
}  // namespace iris::grants::domain
