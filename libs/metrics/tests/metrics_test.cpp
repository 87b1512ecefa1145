#include "libs/metrics/metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <curl/curl.h>
#include <prometheus/text_serializer.h>

namespace iris::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string Exposition(prometheus::Registry& registry) {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, registry.Collect());
  return out.str();
}

// A listening socket on a kernel-chosen loopback port; close() frees the port.
struct Listener {
  Listener() {
    fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(fd, 1);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~Listener() { close(); }
  void close() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  std::string address() const { return "127.0.0.1:" + std::to_string(port); }

  int fd = -1;
  int port = 0;
};

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// GET http://<address>/metrics; returns the HTTP status and fills body.
long Fetch(const std::string& address, std::string& body) {
  CURL* curl = curl_easy_init();
  std::string url = "http://" + address + "/metrics";
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 5000L);
  long code = 0;
  if (curl_easy_perform(curl) == CURLE_OK) curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  curl_easy_cleanup(curl);
  return code;
}

TEST(MetricsTest, ObservedRequestsAppearAsCounterAndHistogramWithTheirLabels) {
  Metrics metrics("membership");
  metrics.ObserveRequest("http", "/v1/organizations/{id}", "GET", 200, 0.003);
  metrics.ObserveRequest("http", "/v1/organizations/{id}", "GET", 200, 0.2);
  metrics.ObserveRequest("http", "/v1/organizations/{id}", "GET", 404, 0.001);
  metrics.ObserveRequest("grpc", "iris.membership.v1.Membership/GetOrganization", "POST", 0, 7);

  std::string text = Exposition(metrics.registry());
  EXPECT_THAT(text, HasSubstr("# TYPE iris_requests_total counter"));
  EXPECT_THAT(text, HasSubstr("iris_requests_total{service=\"membership\",kind=\"http\","
                              "method=\"GET\",route=\"/v1/organizations/{id}\","
                              "status=\"200\"} 2"));
  EXPECT_THAT(text, HasSubstr("iris_requests_total{service=\"membership\",kind=\"http\","
                              "method=\"GET\",route=\"/v1/organizations/{id}\","
                              "status=\"404\"} 1"));
  EXPECT_THAT(text, HasSubstr("# TYPE iris_request_duration_seconds histogram"));
  const std::string series =
      "service=\"membership\",kind=\"http\",method=\"GET\",route=\"/v1/organizations/{id}\"";
  EXPECT_THAT(text, HasSubstr("iris_request_duration_seconds_count{" + series + "} 3"));
  EXPECT_THAT(text,
              HasSubstr("iris_request_duration_seconds_bucket{" + series + ",le=\"0.0005\"} 0"));
  EXPECT_THAT(text,
              HasSubstr("iris_request_duration_seconds_bucket{" + series + ",le=\"0.005\"} 2"));
  EXPECT_THAT(text, HasSubstr("iris_request_duration_seconds_bucket{" + series + ",le=\"5\"} 3"));
  // Over 5 s lands only in +Inf.
  const std::string grpc_series =
      "service=\"membership\",kind=\"grpc\",method=\"POST\","
      "route=\"iris.membership.v1.Membership/GetOrganization\"";
  EXPECT_THAT(text,
              HasSubstr("iris_request_duration_seconds_bucket{" + grpc_series + ",le=\"5\"} 0"));
  EXPECT_THAT(text,
              HasSubstr("iris_request_duration_seconds_bucket{" + grpc_series + ",le=\"+Inf\"} 1"));
  // The duration histogram has no status label.
  EXPECT_THAT(text, Not(HasSubstr("iris_request_duration_seconds_count{" + series + ",status")));
}

TEST(MetricsTest, ConcurrentObservationsAreAllCounted) {
  Metrics metrics("gateway");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics, t] {
      for (int i = 0; i < 1000; ++i) {
        metrics.ObserveRequest("http", t % 2 == 0 ? "/a" : "/b", "GET", 200, 0.01);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::string text = Exposition(metrics.registry());
  EXPECT_THAT(text,
              HasSubstr("iris_requests_total{service=\"gateway\",kind=\"http\",method=\"GET\","
                        "route=\"/a\",status=\"200\"} 2000"));
  EXPECT_THAT(text,
              HasSubstr("iris_request_duration_seconds_count{service=\"gateway\",kind=\"http\","
                        "method=\"GET\",route=\"/b\"} 2000"));
}

TEST(MetricsTest, AdHocCountersAndGaugesShareTheirFamilyByName) {
  Metrics metrics("gateway");
  metrics.Counter("iris_redis_failures_total", "Redis calls that failed open", {{"op", "rate"}})
      .Increment();
  metrics.Counter("iris_redis_failures_total", "Redis calls that failed open", {{"op", "rate"}})
      .Increment(2);
  metrics.Counter("iris_redis_failures_total", "Redis calls that failed open", {{"op", "idem"}})
      .Increment();
  metrics.Gauge("iris_db_pool_idle", "Idle connections", {}).Set(3);

  std::string text = Exposition(metrics.registry());
  EXPECT_THAT(text, HasSubstr("# HELP iris_redis_failures_total Redis calls that failed open"));
  EXPECT_THAT(text, HasSubstr("iris_redis_failures_total{service=\"gateway\",op=\"rate\"} 3"));
  EXPECT_THAT(text, HasSubstr("iris_redis_failures_total{service=\"gateway\",op=\"idem\"} 1"));
  EXPECT_THAT(text, HasSubstr("iris_db_pool_idle{service=\"gateway\"} 3"));
}

TEST(MetricsTest, ServesTheRegistryOverHttp) {
  Metrics metrics("membership");
  metrics.ObserveRequest("grpc", "iris.membership.v1.Membership/GetOrganization", "POST", 5, 0.002);
  Listener probe;
  std::string address = probe.address();
  probe.close();  // free again: Serve takes it
  ASSERT_TRUE(metrics.Serve(address).ok());

  std::string body;
  ASSERT_EQ(Fetch(address, body), 200);
  EXPECT_THAT(body, HasSubstr("iris_requests_total{service=\"membership\",kind=\"grpc\","
                              "method=\"POST\","
                              "route=\"iris.membership.v1.Membership/GetOrganization\","
                              "status=\"5\"} 1"));
}

TEST(MetricsTest, TakenPortGivesFailedPreconditionNamingTheAddress) {
  Listener taken;
  Metrics metrics("membership");
  absl::Status s = metrics.Serve(taken.address());
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()), HasSubstr(taken.address()));
}

}  // namespace
}  // namespace iris::metrics
