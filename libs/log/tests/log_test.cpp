#include "libs/log/log.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace iris::log {
namespace {

using nlohmann::json;

std::vector<json> ParseLines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));
  return lines;
}

TEST(FormatLineTest, CarriesStandardKeysAndExtraFields) {
  Init("membership");
  auto j = json::parse(FormatLine("info", "organization created", {{"org_id", "o-1"}, {"n", 3}}));
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["service"], "membership");
  EXPECT_EQ(j["msg"], "organization created");
  EXPECT_EQ(j["org_id"], "o-1");
  EXPECT_EQ(j["n"], 3);
  EXPECT_FALSE(j.contains("request_id"));
  const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  EXPECT_TRUE(std::regex_match(j["ts"].get<std::string>(), rfc3339)) << j["ts"];
}

TEST(FormatLineTest, StartsWithTimestampAndIsOneLine) {
  const std::string line = FormatLine("warn", "two\nlines", json::object());
  EXPECT_EQ(line.rfind("{\"ts\":", 0), 0u) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
}

TEST(FormatLineTest, EscapesQuotesControlCharactersAndBadUtf8) {
  const std::string nasty = "say \"hi\"\\ \t\x01 and \xff\xfe end";
  const std::string line = FormatLine("error", nasty, {{"input", nasty}});
  json j;
  ASSERT_NO_THROW(j = json::parse(line)) << line;
  EXPECT_EQ(j["msg"].get<std::string>().substr(0, 16), "say \"hi\"\\ \t\x01 and");
  EXPECT_NE(j["input"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);
}

TEST(FormatLineTest, ExtraFieldsCannotForgeStandardKeys) {
  Init("gateway");
  auto j = json::parse(FormatLine("info", "real", {{"msg", "forged"}, {"service", "other"}}));
  EXPECT_EQ(j["msg"], "real");
  EXPECT_EQ(j["service"], "gateway");
  EXPECT_EQ(j["field_msg"], "forged");
  EXPECT_EQ(j["field_service"], "other");
}

TEST(FormatLineTest, FieldsWrittenDirectlyMakeTheLineADocumentWouldMake) {
  Init("gateway", "info");
  RequestScope scope("r-\"7\"");
  const std::string bad_utf8 = "caf\xC3";
  // Both stamp the current time: compare what follows the timestamp.
  auto tail = [](const std::string& line) { return line.substr(line.find(",\"level\"")); };
  EXPECT_EQ(
      tail(FormatFieldsLine("info", "request \"x\"\n",
                            {{"caller", std::string_view("anonymous")},
                             {"duration_ms", 10.14},
                             {"msg", std::string_view(bad_utf8)},
                             {"status", std::int64_t{200}}})),
      tail(FormatLine(
          "info", "request \"x\"\n",
          {{"caller", "anonymous"}, {"duration_ms", 10.14}, {"msg", bad_utf8}, {"status", 200}})));
}

TEST(FormatLineTest, NonObjectFieldsAreKept) {
  auto j = json::parse(FormatLine("info", "m", json::array({1, 2})));
  EXPECT_EQ(j["fields"], json::array({1, 2}));
}

TEST(RequestScopeTest, StampsRequestIdAndRestoresThePreviousOne) {
  EXPECT_EQ(CurrentRequestId(), "");
  {
    RequestScope outer("req-outer");
    EXPECT_EQ(json::parse(FormatLine("info", "m", {}))["request_id"], "req-outer");
    {
      RequestScope inner("req-inner");
      EXPECT_EQ(CurrentRequestId(), "req-inner");
    }
    EXPECT_EQ(CurrentRequestId(), "req-outer");
  }
  EXPECT_EQ(CurrentRequestId(), "");
}

TEST(RequestScopeTest, IsPerThread) {
  RequestScope scope("main-thread");
  std::string seen_by_other = "unset";
  std::thread t([&] { seen_by_other = std::string(CurrentRequestId()); });
  t.join();
  EXPECT_EQ(seen_by_other, "");
  EXPECT_EQ(CurrentRequestId(), "main-thread");
}

// What was written to the captured stderr, the lines still buffered included.
std::string Captured() {
  Flush();
  return testing::internal::GetCapturedStderr();
}

TEST(LoggingTest, AWarningWritesEveryLineBeforeItAtOnce) {
  Init("membership", "info");
  testing::internal::CaptureStderr();
  Info("first");
  Warn("second");
  auto lines = ParseLines(testing::internal::GetCapturedStderr());  // no Flush()
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["msg"], "first");
  EXPECT_EQ(lines[1]["msg"], "second");
}

TEST(LoggingTest, InfoLinesReachStderrWithinTheFlushInterval) {
  Init("membership", "info");
  testing::internal::CaptureStderr();
  Info("soon");
  // IRIS_LOG_FLUSH_MS is 100 by default; a second is room for a busy machine.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  auto lines = ParseLines(testing::internal::GetCapturedStderr());  // no Flush()
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["msg"], "soon");
}

TEST(LoggingTest, WritesJsonLinesToStderrAtOrAboveTheLevel) {
  Init("grants", "info");
  testing::internal::CaptureStderr();
  {
    RequestScope scope("r-42");
    Debug("hidden");
    Info("shown {} braces", {{"k", "v"}});
    Error("boom");
  }
  auto lines = ParseLines(Captured());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["msg"], "shown {} braces");
  EXPECT_EQ(lines[0]["level"], "info");
  EXPECT_EQ(lines[0]["service"], "grants");
  EXPECT_EQ(lines[0]["request_id"], "r-42");
  EXPECT_EQ(lines[0]["k"], "v");
  EXPECT_EQ(lines[1]["level"], "error");
}

TEST(LoggingTest, SetLevelChangesWhatIsWritten) {
  Init("events", "warn");
  testing::internal::CaptureStderr();
  Info("dropped");
  SetLevel("debug");
  Debug("kept");
  auto lines = ParseLines(Captured());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["msg"], "kept");
}

TEST(LoggingTest, UnknownLevelFallsBackToInfoAndSaysSo) {
  testing::internal::CaptureStderr();
  Init("events", "loud");
  Debug("dropped");
  Info("kept");
  auto lines = ParseLines(Captured());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["level"], "warn");
  EXPECT_EQ(lines[0]["requested_level"], "loud");
  EXPECT_EQ(lines[1]["msg"], "kept");
}

TEST(LoggingTest, ConcurrentWritersProduceWholeLines) {
  Init("docs", "info");
  testing::internal::CaptureStderr();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t] {
      RequestScope scope("t" + std::to_string(t));
      for (int i = 0; i < 200; ++i) Info("line", {{"i", i}});
    });
  }
  for (auto& th : threads) th.join();
  auto lines = ParseLines(Captured());
  EXPECT_EQ(lines.size(), 800u);
}

}  // namespace
}  // namespace iris::log
