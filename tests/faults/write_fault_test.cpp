// Writes under faults: a stream of creates through the gateway while the owning service is
// killed with SIGKILL, or PostgreSQL stops in immediate mode, mid-stream. Every create answered
// 201 exists afterwards, every other answer is a 503 problem with Retry-After (never a 500 or a
// hang), and the service's outbox and audit log hold exactly one creation entry per resource
// that exists (a change and its message commit together). Parameterised by service and route:
// each service lists its main creates in services/<service>/tests/write_faults.json, which
// tests/faults/CMakeLists.txt finds, so a new service adds its cases without editing this file.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "absl/strings/str_split.h"
#include "tests/e2e/api_client.hpp"
#include "tests/e2e/system.hpp"
#include "tests/faults/dependencies.hpp"
#include "tests/faults/traffic.hpp"
#include "tests/support/test_env.hpp"

namespace iris::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

constexpr double kLongestAnswerSeconds = 3.0;  // the gateway deadline (1 s) plus slack

struct WriteScenario {
  std::string name;          // the test's name: <Service><name>
  std::string service;       // owns the resource; its schema holds outbox and audit_log
  std::string collection;    // POST here creates; the answer's Location reads it back
  std::string table;         // table of the service's schema holding it (id uuid, name text)
  std::string created_type;  // the outbox message of a creation
  std::string subject_type;  // the audit log's subject_type
  json body;                 // {tag} and {i} in string values are replaced per request
  // SQL naming a row by the "{tag} {i}" the body gave it, over the table aliased r: "r.name",
  // or "r.title->>'en'" for a localized title (the file's "name_sql"; default r.name).
  std::string name_sql;
};

// "{tag} {i}" -> "e2eabc 7", recursively through objects and arrays.
json Fill(const json& templ, const std::string& tag, size_t i) {
  if (templ.is_string()) {
    std::string s = templ.get<std::string>();
    for (const auto& [key, value] :
         {std::pair<std::string, std::string>{"{tag}", tag}, {"{i}", std::to_string(i)}}) {
      for (size_t at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) {
        s.replace(at, key.size(), value);
      }
    }
    return s;
  }
  json out = templ;
  if (templ.is_object() || templ.is_array()) {
    for (auto it = out.begin(); it != out.end(); ++it) *it = Fill(*it, tag, i);
  }
  return out;
}

// IRIS_WRITE_FAULT_FILES: "service=path|service=path" (tests/faults/CMakeLists.txt).
const std::vector<WriteScenario>& Scenarios() {
  static const std::vector<WriteScenario> kScenarios = [] {
    std::vector<WriteScenario> out;
    for (absl::string_view entry : absl::StrSplit(IRIS_WRITE_FAULT_FILES, '|', absl::SkipEmpty())) {
      const std::pair<std::string, std::string> file =
          absl::StrSplit(entry, absl::MaxSplits('=', 1));
      const std::string& service = file.first;
      std::ifstream in(file.second);
      const json doc = json::parse(in);  // a broken file fails the test binary loudly
      std::string title = service;
      title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
      for (const auto& c : doc.at("scenarios")) {
        out.push_back({title + c.at("name").get<std::string>(), service,
                       c.at("collection").get<std::string>(),
                       service + "." + c.at("table").get<std::string>(),
                       c.at("created_type").get<std::string>(),
                       c.at("subject_type").get<std::string>(), c.at("body"),
                       c.value("name_sql", std::string("r.name"))});
      }
    }
    return out;
  }();
  return kScenarios;
}

enum class Fault { kKillService, kStopPostgresImmediately };

struct Case {
  const WriteScenario* scenario;
  Fault fault;
};

std::string CaseName(const ::testing::TestParamInfo<Case>& info) {
  return info.param.scenario->name + (info.param.fault == Fault::kKillService
                                          ? "_ServiceKilled"
                                          : "_PostgresStoppedImmediately");
}

std::vector<Case> AllCases() {
  std::vector<Case> cases;
  for (const auto& s : Scenarios()) {
    cases.push_back({&s, Fault::kKillService});
    cases.push_back({&s, Fault::kStopPostgresImmediately});
  }
  return cases;
}

class WriteFaultTest : public ::testing::TestWithParam<Case> {};

TEST_P(WriteFaultTest, EveryCreatedResourceExistsOnceWithOneMessage) {
  const WriteScenario& s = *GetParam().scenario;
  EnsureDependenciesUp();
  System system;
  ApiClient api(system);
  const std::string admin = api.AdminAuthorization();
  ASSERT_FALSE(admin.empty());
  const std::string tag = UniqueToken();
  Traffic traffic(system.Url(""), [&](size_t i) {
    return TrafficRequest{"POST",
                          s.collection,
                          Fill(s.body, tag, i).dump(),
                          {{"Authorization", admin}, {"Content-Type", "application/json"}}};
  });
  ASSERT_TRUE(Eventually([&] { return traffic.CountSince(201, Clock::time_point{}) >= 5; }, 20s))
      << "no creates before the fault";

  std::string error;
  const auto fault_at = Clock::now();
  if (GetParam().fault == Fault::kKillService) {
    system.KillService(s.service);
  } else {
    ASSERT_TRUE(StopPostgresImmediately(&error)) << error;
  }
  const bool saw_503 = Eventually([&] { return traffic.CountSince(503, fault_at) >= 3; }, 15s);
  if (GetParam().fault == Fault::kKillService) {
    system.StartService(s.service);
  } else {
    ASSERT_TRUE(StartPostgres(&error)) << error;
  }
  const auto back_at = Clock::now();
  const bool recovered =
      Eventually([&] { return traffic.CountSince(201, back_at) >= 5; }, 20s, 100ms);
  traffic.Stop();
  EXPECT_TRUE(saw_503) << "no 503 while the fault lasted";
  ASSERT_TRUE(recovered) << "no creates within 20 s of the recovery; gateway log:\n"
                         << system.gateway().LogTail() << "\n"
                         << s.service << " log:\n"
                         << system.service(s.service).LogTail();

  std::set<std::string> answered_201;
  for (const auto& a : traffic.Answers()) {
    EXPECT_TRUE(a.result.status == 201 || IsUnavailableProblem(a.result))
        << a.path << " -> " << a.result.status << " " << a.result.body;
    EXPECT_LT(a.result.seconds, kLongestAnswerSeconds) << a.path << " -> " << a.result.status;
    if (a.result.status != 201) continue;
    const std::string location = a.result.Header("location");
    EXPECT_EQ(ApiClient(system).As(admin, "GET", location).status, 200) << location;
    answered_201.insert(json::parse(a.result.body).value("id", ""));
  }

  // Every resource this run made (answered 201 or not: a kill may fall between the commit and
  // the answer) has exactly one creation message and one audit entry; none has more.
  pqxx::connection conn(AdminDatabaseUrl());
  pqxx::nontransaction tx(conn);
  const std::string schema = s.service;
  const auto rows = tx.exec_params(
      "SELECT r.id::text,"
      " (SELECT count(*) FROM " +
          schema +
          ".outbox o WHERE o.type = $2 AND o.subject_id = r.id::text),"
          " (SELECT count(*) FROM " +
          schema +
          ".audit_log l WHERE l.action = 'create'"
          "   AND l.subject_type = $3 AND l.subject_id = r.id::text)"
          " FROM " +
          s.table + " r WHERE " + s.name_sql + " LIKE $1 || ' %'",
      tag, s.created_type, s.subject_type);
  std::set<std::string> stored;
  for (const auto& row : rows) {
    const std::string id = row[0].as<std::string>();
    stored.insert(id);
    EXPECT_EQ(row[1].as<int>(), 1) << "outbox messages for " << id;
    EXPECT_EQ(row[2].as<int>(), 1) << "audit entries for " << id;
  }
  for (const auto& id : answered_201) EXPECT_TRUE(stored.contains(id)) << id << " answered 201";
  EXPECT_GE(stored.size(), answered_201.size());
}

INSTANTIATE_TEST_SUITE_P(Writes, WriteFaultTest, ::testing::ValuesIn(AllCases()), CaseName);

}  // namespace
}  // namespace iris::testing
