// The fixture of the webhook suites: a partner (and another) with a `webhooks:manage` key,
// and a real receiver on loopback (tests/webhooks/receiver.mjs) that verifies every request with
// the standardwebhooks npm library, not with our own code. The System's retry schedule is
// 1s,1s,1s,1s: five attempts, then dead letter.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/e2e/e2e_suite.hpp"
#include "tests/support/process.hpp"

namespace iris::testing {

using namespace std::chrono_literals;
using nlohmann::json;

class NotificationsWebhooksE2eTest : public E2eSuite {
 protected:
  static void SetUpTestSuite() {
    // System runs every service with IRIS_WEBHOOK_RETRY_SCHEDULE=1s,1s,1s,1s.
    system_ = new System();
    token_ = UniqueToken();
    admin_ = ApiClient(*system_).AdminAuthorization();
    ASSERT_FALSE(admin_.empty());
    StartReceiver();
    partner_ = SignedIn("partner", json::object(), "wh-partner");
    other_partner_ = SignedIn("partner", json::object(), "wh-partner2");
    partner_key_ = KeyOf(partner_, "webhooks:manage");
    ASSERT_FALSE(partner_key_.empty());
  }
  static void TearDownTestSuite() {
    DeleteEndpoints();
    receiver_.reset();
    Stop();
  }

  // The suite's endpoints go with its receiver: left behind, every organisation the suites
  // after it register would queue deliveries (and retries) to a closed port, a backlog that
  // delays the deliveries those suites wait for.
  static void DeleteEndpoints() {
    for (const auto& id : endpoints_) {
      // Whatever version it reached meanwhile (a 410 disables it): `*` asks for none.
      auto del = As(partner_key_, "DELETE", "/v1/webhooks/" + id, "", {{"If-Match", "*"}});
      EXPECT_TRUE(del.status == 204 || del.status == 404) << del.status << " " << del.body;
    }
    endpoints_.clear();
  }

  // Installs tests/webhooks' npm packages (as scripts/test.sh does tests/openapi's) and starts
  // the receiver on a free loopback port.
  static void StartReceiver() {
    const std::string root = IRIS_SOURCE_DIR;
    const std::string install = "cd '" + root +
                                "' && bash -c 'source scripts/lib/common.sh && source "
                                "scripts/lib/npm.sh && iris_npm_ci \"$PWD/tests/webhooks\"'";
    ASSERT_EQ(std::system(install.c_str()), 0) << "npm ci in tests/webhooks failed";
    dir_ = ::testing::TempDir() + "/webhooks-" + token_;
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/secrets").flush();
    receiver_ = std::make_unique<ChildProcess>(
        "/usr/bin/env",
        std::vector<std::string>{"node", root + "/tests/webhooks/receiver.mjs", "--port-file",
                                 dir_ + "/port", "--secrets", dir_ + "/secrets", "--log",
                                 dir_ + "/requests.jsonl"},
        std::vector<std::pair<std::string, std::string>>{}, dir_ + "/receiver.log");
    ASSERT_TRUE(Eventually([] { return std::filesystem::exists(dir_ + "/port"); }, 15s))
        << receiver_->LogTail();
    std::ifstream(dir_ + "/port") >> port_;
  }

  // An API key of `owner` with one scope: "ApiKey <key>".
  static std::string KeyOf(const std::string& owner, const std::string& scope) {
    auto r = As(owner, "POST", "/v1/api-keys",
                json{{"name", scope + " " + token_}, {"scopes", {scope}}}.dump());
    EXPECT_EQ(r.status, 201) << r.body;
    const auto body = json::parse(r.body, nullptr, false);
    return body.is_object() ? "ApiKey " + body.value("key", "") : "";
  }

  static std::string ReceiverUrl(const std::string& path) {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Adds a secret the receiver verifies with; its index in every request's `verified`.
  static size_t Trust(const std::string& secret) {
    secrets_.push_back(secret);
    std::ofstream out(dir_ + "/secrets.tmp");
    for (const auto& s : secrets_) out << s << "\n";
    out.close();
    std::filesystem::rename(dir_ + "/secrets.tmp", dir_ + "/secrets");
    return secrets_.size() - 1;
  }

  // Creates an endpoint for organisation messages at the receiver's `path`; its JSON.
  static json CreateEndpoint(const std::string& path) {
    auto r = As(partner_key_, "POST", "/v1/webhooks",
                json{{"url", ReceiverUrl(path)},
                     {"topics", {"membership.organization.created"}},
                     {"description", "e2e " + path}}
                    .dump());
    EXPECT_EQ(r.status, 201) << r.body;
    auto e = json::parse(r.body, nullptr, false);
    if (e.is_object() && e.contains("id")) endpoints_.push_back(e["id"].get<std::string>());
    return e;
  }

  // The requests the receiver got at `path` about subject `subject_id` (any subject if empty).
  static std::vector<json> Requests(const std::string& path, const std::string& subject_id) {
    std::vector<json> out;
    std::ifstream in(dir_ + "/requests.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto r = json::parse(line, nullptr, false);
      if (!r.is_object() || r.value("path", "") != path) continue;
      auto body = json::parse(r.value("body", ""), nullptr, false);
      if (subject_id.empty() || (body.is_object() && body["data"].value("id", "") == subject_id)) {
        out.push_back(r);
      }
    }
    return out;
  }
  static std::vector<json> WaitForRequests(const std::string& path, const std::string& subject,
                                           size_t n) {
    Eventually([&] { return Requests(path, subject).size() >= n; }, 60s, 100ms);
    return Requests(path, subject);
  }

  static json Deliveries(const std::string& endpoint_id, const std::string& query = "") {
    auto r = As(partner_key_, "GET", "/v1/webhooks/" + endpoint_id + "/deliveries" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }

  // The endpoint's delivery about `subject_id` (in state `status`, when given), or null. Every
  // organisation other suites register reaches the endpoint too: read oldest first (the test's
  // own is among the oldest), page on.
  static json DeliveryAbout(const std::string& endpoint_id, const std::string& subject_id,
                            const std::string& status = "") {
    json found;
    AnyItem(partner_key_,
            "/v1/webhooks/" + endpoint_id + "/deliveries?sort=created_at&limit=200" +
                (status.empty() ? "" : "&status=" + status),
            [&](const json& d) {
              if (d["subject_id"] != subject_id) return false;
              found = d;
              return true;
            });
    return found;
  }

  static inline std::unique_ptr<ChildProcess> receiver_;
  static inline std::string dir_, partner_, other_partner_, partner_key_;
  static inline int port_ = 0;
  static inline std::vector<std::string> secrets_;
  static inline std::vector<std::string> endpoints_;  // created by CreateEndpoint
};

}  // namespace iris::testing
