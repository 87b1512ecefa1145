// The fixture of events' end-to-end suites: a System with two national coordinators (RS, BA)
// and a member, an event body to start from, verbs, instants of this run only (for lists that
// must hold nothing else) and the calendar as ical.js reads it.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_client.hpp"
#include "tests/e2e/e2e_suite.hpp"
#include "tests/e2e/system.hpp"
#include "tests/support/http_client.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {

using namespace std::chrono_literals;
using nlohmann::json;

class EventsE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    Start("Events");
    coordinator_rs_ = SignedIn("national_coordinator", {{"country", "RS"}}, "crs");
    coordinator_ba_ = SignedIn("national_coordinator", {{"country", "BA"}}, "cba");
    member_ = SignedIn("member", {{"organization_id", org_}}, "m");
  }
  static void TearDownTestSuite() { Stop(); }

  // A peer review in Belgrade on 20-22 October 2031 (Europe/Belgrade, summer time).
  static json NewEvent(const std::string& title, const std::string& country = "RS") {
    return {{"kind", "peer_review"},
            {"title", {{"en", title}, {"sr-Latn", "Partnerska procena"}}},
            {"description", {{"en", "Independent living; deinstitutionalization, and more."}}},
            {"format", "hybrid"},
            {"location", {{"venue", "Hotel Moskva"}, {"city", "Belgrade"}, {"country", country}}},
            {"online_url", "https://meet.example.org/peer-review"},
            {"starts_at", "2031-10-20T07:00:00Z"},
            {"ends_at", "2031-10-22T15:00:00Z"},
            {"languages", {"en", "sr-Latn"}},
            {"capacity", 30},
            {"registration", {{"mode", "application"}, {"closes_on", "2031-10-14"}}}};
  }

  // An instant of this run only: 2045 plus an hour picked from the token, plus `hours`. Lists
  // filtered to such a window hold this run's events alone, however full the shared database.
  static std::string UniqueInstant(int hours = 0) {
    const int64_t base = 2366841600;  // 2045-01-01T00:00:00Z
    const int64_t hour = static_cast<int64_t>(std::hash<std::string>{}(token_) % (300 * 24));
    const std::time_t t = static_cast<std::time_t>(base + (hour + hours) * 3600);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
  }

  static json Parse(const HttpResult& r) { return json::parse(r.body, nullptr, false); }
  static std::string Type(const HttpResult& r) { return Parse(r).value("type", ""); }

  static json Create(const std::string& who, const json& body) {
    auto r = As(who, "POST", "/v1/events", body.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    return Parse(r);
  }
  static HttpResult Verb(const std::string& who, const std::string& id, const std::string& verb,
                         const std::string& if_match = "") {
    Headers headers;
    if (!if_match.empty()) headers.emplace_back("If-Match", if_match);
    return As(who, "POST", "/v1/events/" + id + "/" + verb, "", headers);
  }

  // The feed as ical.js reads it: {version, prodid, events: [{uid, summary, start, ...}]}.
  static json ParsedByIcalJs(const std::string& ics) {
    const std::string root = IRIS_SOURCE_DIR;
    const std::string install = "cd '" + root +
                                "' && bash -c 'source scripts/lib/common.sh && source "
                                "scripts/lib/npm.sh && iris_npm_ci \"$PWD/tests/calendar\"'";
    EXPECT_EQ(std::system(install.c_str()), 0) << "npm ci in tests/calendar failed";
    const std::string file = ::testing::TempDir() + "/calendar-" + token_ + ".ics";
    std::ofstream(file, std::ios::binary) << ics;
    const std::string command = "node '" + root + "/tests/calendar/check.mjs' '" + file + "'";
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
      char buf[4096];
      size_t n;
      while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
      EXPECT_EQ(pclose(p), 0) << "ical.js refused the feed: " << out;
    }
    return json::parse(out, nullptr, false);
  }

  static inline std::string coordinator_rs_, coordinator_ba_, member_;
};

}  // namespace iris::testing
