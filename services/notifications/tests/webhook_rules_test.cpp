// Webhook rules without I/O: which addresses and URLs may be called, the allow-list, Standard
// Webhooks signatures (the specification's test vector), the retry schedule, the body, and
// the sealing of secrets.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/notifications/app/webhook_secret_box.hpp"
#include "services/notifications/app/webhook_url_guard.hpp"
#include "services/notifications/domain/webhook_address.hpp"
#include "services/notifications/domain/webhook_endpoint.hpp"
#include "services/notifications/domain/webhook_schedule.hpp"
#include "services/notifications/domain/webhook_signature.hpp"

namespace iris::notifications {
namespace {

using namespace std::chrono_literals;

std::string Reason(const std::string& ip) {
  auto a = domain::ParseIp(ip);
  EXPECT_TRUE(a.has_value()) << ip;
  if (!a) return "unparsed";
  return std::string(domain::ForbiddenReason(*a).value_or("public"));
}

TEST(WebhookAddressTest, ClassifiesEveryKindOfAddress) {
  const std::vector<std::pair<std::string, std::string>> table = {
      {"8.8.8.8", "public"},
      {"93.184.216.34", "public"},
      {"127.0.0.1", "loopback"},
      {"127.255.255.254", "loopback"},
      {"10.0.0.1", "private"},
      {"172.16.0.1", "private"},
      {"172.31.255.255", "private"},
      {"172.32.0.1", "public"},
      {"192.168.1.1", "private"},
      {"169.254.169.254", "cloud metadata"},
      {"169.254.1.1", "link-local"},
      {"100.64.0.1", "carrier-grade NAT"},
      {"100.127.255.255", "carrier-grade NAT"},
      {"100.128.0.1", "public"},
      {"0.0.0.0", "reserved"},
      {"224.0.0.1", "multicast"},
      {"239.255.255.250", "multicast"},
      {"240.0.0.1", "reserved"},
      {"255.255.255.255", "reserved"},
      {"192.0.2.10", "documentation"},
      {"198.51.100.7", "documentation"},
      {"203.0.113.9", "documentation"},
      {"198.18.0.1", "reserved"},
      {"2606:4700:4700::1111", "public"},
      {"::1", "loopback"},
      {"::", "reserved"},
      {"fd00:ec2::254", "cloud metadata"},
      {"fd12:3456::1", "private"},
      {"fc00::1", "private"},
      {"fe80::1", "link-local"},
      {"ff02::1", "multicast"},
      {"2001:db8::1", "documentation"},
      {"64:ff9b::a00:1", "reserved"},
      {"2002:a00:1::1", "reserved"},
      // IPv4-mapped IPv6 is judged as the IPv4 address it reaches.
      {"::ffff:127.0.0.1", "loopback"},
      {"::ffff:169.254.169.254", "cloud metadata"},
      {"::ffff:10.1.2.3", "private"},
      {"::ffff:8.8.8.8", "public"},
      {"::ffff:7f00:1", "loopback"},
  };
  for (const auto& [ip, reason] : table) EXPECT_EQ(Reason(ip), reason) << ip;
}

TEST(WebhookAddressTest, ParsesOnlyPlainAddresses) {
  EXPECT_FALSE(domain::ParseIp("127.1").has_value());
  EXPECT_FALSE(domain::ParseIp("localhost").has_value());
  EXPECT_FALSE(domain::ParseIp("[::1]").has_value());
  EXPECT_FALSE(domain::ParseIp("").has_value());
  EXPECT_EQ(domain::ParseIp("::ffff:127.0.0.1")->ToString(), "127.0.0.1");
  EXPECT_EQ(domain::ParseIp("fd00:ec2::254")->ToString(), "fd00:ec2::254");
}

TEST(WebhookAddressTest, ParsesAllowListsAndRefusesBadRanges) {
  auto cidrs = domain::ParseCidrs(" 127.0.0.0/8 , fd00::/8,10.1.2.3");
  ASSERT_TRUE(cidrs.ok()) << cidrs.status();
  ASSERT_EQ(cidrs->size(), 3u);
  EXPECT_TRUE((*cidrs)[0].Contains(*domain::ParseIp("127.9.9.9")));
  EXPECT_TRUE((*cidrs)[0].Contains(*domain::ParseIp("::ffff:127.0.0.1")));
  EXPECT_FALSE((*cidrs)[0].Contains(*domain::ParseIp("128.0.0.1")));
  EXPECT_TRUE((*cidrs)[1].Contains(*domain::ParseIp("fd12::1")));
  EXPECT_FALSE((*cidrs)[1].Contains(*domain::ParseIp("fe80::1")));
  EXPECT_TRUE((*cidrs)[2].Contains(*domain::ParseIp("10.1.2.3")));
  EXPECT_FALSE((*cidrs)[2].Contains(*domain::ParseIp("10.1.2.4")));
  EXPECT_TRUE(domain::ParseCidrs("")->empty());
  for (const char* bad :
       {"127.0.0.0/33", "fd00::/129", "10.0.0.0/", "localhost/8", "10.0.0.0/x", "1.2.3/8"}) {
    EXPECT_FALSE(domain::ParseCidrs(bad).ok()) << bad;
  }
}

TEST(WebhookAddressTest, AllowListOpensOnlyItsRanges) {
  const auto allowed = *domain::ParseCidrs("127.0.0.0/8");
  const auto ip = [](const char* s) { return *domain::ParseIp(s); };
  EXPECT_TRUE(domain::CheckAddresses({ip("127.0.0.1")}, allowed).ok());
  EXPECT_TRUE(domain::CheckAddresses({ip("8.8.8.8")}, {}).ok());
  EXPECT_FALSE(domain::CheckAddresses({ip("127.0.0.1")}, {}).ok());
  EXPECT_FALSE(domain::CheckAddresses({ip("10.0.0.1")}, allowed).ok());
  // One refused address among several refuses the URL.
  EXPECT_FALSE(domain::CheckAddresses({ip("8.8.8.8"), ip("169.254.169.254")}, allowed).ok());
  EXPECT_FALSE(domain::CheckAddresses({}, allowed).ok());
}

TEST(WebhookUrlTest, AcceptsHttpAndHttpsAndReadsHostAndPort) {
  auto u = domain::ParseWebhookUrl("HTTPS://Crm.Example.org/hooks?x=1");
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->host, "crm.example.org");
  EXPECT_EQ(u->port, 443);
  u = domain::ParseWebhookUrl("http://[2606:4700::1]:8080/x");
  ASSERT_TRUE(u.ok()) << u.status();
  EXPECT_EQ(u->host, "2606:4700::1");
  EXPECT_EQ(u->port, 8080);
  EXPECT_EQ(domain::ParseWebhookUrl("http://127.0.0.1:1")->port, 1);
}

TEST(WebhookUrlTest, RefusesOtherSchemesAndOddShapes) {
  for (const char* bad :
       {"ftp://example.org/", "file:///etc/passwd", "gopher://x/", "example.org/hook",
        "http://user:pw@example.org/", "http:///path", "http://example.org:0/",
        "http://example.org:65536/", "http://example.org:/", "http://exa mple.org/",
        "http://example.org/#frag", "http://[::ffff:1.2.3.4/", "http://[127.0.0.1]/", ""}) {
    EXPECT_FALSE(domain::ParseWebhookUrl(bad).ok()) << bad;
  }
  EXPECT_FALSE(domain::ParseWebhookUrl("https://x.org/" + std::string(3000, 'a')).ok());
}

// A resolver answering from a table, as DNS would.
class TableResolver final : public app::AddressResolver {
 public:
  absl::StatusOr<std::vector<domain::IpAddress>> Resolve(const std::string& host) override {
    if (host == "crm.example.org") return std::vector{*domain::ParseIp("93.184.216.34")};
    if (host == "rebind.example.org") {
      return std::vector{*domain::ParseIp("93.184.216.34"), *domain::ParseIp("10.0.0.7")};
    }
    if (auto ip = domain::ParseIp(host)) return std::vector{*ip};
    return absl::NotFoundError("no such host");
  }
};

TEST(WebhookUrlGuardTest, ResolvesAndChecksEveryAddress) {
  TableResolver resolver;
  app::WebhookUrlGuard guard(resolver, "127.0.0.0/8");
  auto ok = guard.Check("https://crm.example.org/hook");
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ(ok->address.ToString(), "93.184.216.34");
  EXPECT_TRUE(guard.Check("http://127.0.0.1:9999/").ok());
  for (const char* bad :
       {"http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://[::ffff:10.0.0.1]/",
        "http://[fd00:ec2::254]/", "https://rebind.example.org/", "https://nowhere.example.org/",
        "ftp://crm.example.org/"}) {
    EXPECT_FALSE(guard.Check(bad).ok()) << bad;
  }
  app::WebhookUrlGuard strict(resolver, "");
  EXPECT_FALSE(strict.Check("http://127.0.0.1:1/").ok());
  EXPECT_THROW(app::WebhookUrlGuard(resolver, "127.0.0.0/99"), std::invalid_argument);
}

// The test vector of the Standard Webhooks specification (and its libraries' tests).
TEST(WebhookSignatureTest, MatchesTheStandardWebhooksTestVector) {
  auto sig =
      domain::SignWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                          1614265330, R"({"test": 2432232314})");
  ASSERT_TRUE(sig.ok()) << sig.status();
  EXPECT_EQ(*sig, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  EXPECT_FALSE(domain::SignWebhook("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "m", 1, "{}").ok());
  EXPECT_FALSE(domain::SignWebhook("whsec_not*base64", "m", 1, "{}").ok());
  EXPECT_EQ(domain::SignatureHeader({"v1,a", "v1,b"}), "v1,a v1,b");
}

TEST(WebhookSignatureTest, NewSecretsAreWhsecOf32RandomBytes) {
  const auto a = domain::NewWebhookSecret(), b = domain::NewWebhookSecret();
  EXPECT_NE(a, b);
  ASSERT_TRUE(a.starts_with("whsec_"));
  auto bytes = domain::Base64Decode(a.substr(6));
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(bytes->size(), 32u);
}

TEST(WebhookScheduleTest, ParsesTheDefaultAndRefusesBadWaits) {
  auto s = domain::ParseRetrySchedule("5s,30s,5m,30m,2h,5h,10h,10h");
  ASSERT_TRUE(s.ok()) << s.status();
  ASSERT_EQ(s->size(), 8u);
  EXPECT_EQ((*s)[0], 5s);
  EXPECT_EQ((*s)[2], 5min);
  EXPECT_EQ((*s)[7], 10h);
  EXPECT_EQ(domain::ParseRetrySchedule(" 1s, 1s ,250ms")->at(2), 250ms);
  EXPECT_EQ(domain::RetryDelay(*s, 1), 5s);
  EXPECT_EQ(domain::RetryDelay(*s, 8), 10h);
  EXPECT_FALSE(domain::RetryDelay(*s, 9).has_value());  // dead letter after 9 attempts
  EXPECT_FALSE(domain::RetryDelay(*s, 0).has_value());
  for (const char* bad : {"", "5", "5x", "-5s", "0s", "s", "5s,,", "1.5s", "31d"}) {
    auto r = domain::ParseRetrySchedule(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_NE(r.status().message().find("IRIS_WEBHOOK_RETRY_SCHEDULE"), std::string::npos);
    }
  }
}

TEST(WebhookBodyTest, IsThinWithTheSubjectAsDataId) {
  const values::Time t{std::chrono::microseconds(1'700'000'000'123'456)};
  const auto body = nlohmann::json::parse(domain::WebhookBody(
      "grants.call.opened", t, "call-1", {{"status", "open"}, {"id", "other"}}));
  EXPECT_EQ(body["type"], "grants.call.opened");
  EXPECT_EQ(body["timestamp"], "2023-11-14T22:13:20.123456Z");
  EXPECT_EQ(body["data"]["id"], "call-1");
  EXPECT_EQ(body["data"]["status"], "open");
}

TEST(WebhookSecretBoxTest, SealsAndOpensAndRefusesBadKeys) {
  const std::string key(64, 'a');
  app::WebhookSecretBox box(key);
  const auto sealed = box.Seal("whsec_abc");
  EXPECT_EQ(sealed.find("whsec"), std::string::npos);
  EXPECT_NE(box.Seal("whsec_abc"), sealed);  // a fresh nonce each time
  EXPECT_EQ(box.Open(sealed).value(), "whsec_abc");
  app::WebhookSecretBox other(std::string(64, 'b'));
  EXPECT_FALSE(other.Open(sealed).ok());
  EXPECT_FALSE(box.Open("zz").ok());
  for (const std::string& bad : {std::string(""), std::string(63, 'a'), std::string(64, 'g')}) {
    EXPECT_THROW(app::WebhookSecretBox{bad}, std::invalid_argument) << bad;
  }
}

TEST(WebhookEndpointTest, OnlyPartnersAndAdminsManageAndPartnersSeeTheirOwn) {
  identity::Caller partner{.subject = "p1", .role = "partner"};
  identity::Caller admin{.subject = "a1", .role = "network_admin"};
  identity::Caller member{.subject = "m1", .role = "member", .organization_id = "o1"};
  EXPECT_TRUE(domain::RequireWebhookManager(partner).ok());
  EXPECT_TRUE(domain::RequireWebhookManager(admin).ok());
  EXPECT_TRUE(absl::IsPermissionDenied(domain::RequireWebhookManager(member)));
  EXPECT_TRUE(absl::IsUnauthenticated(domain::RequireWebhookManager(identity::Caller{})));
  domain::WebhookEndpoint e;
  e.owner_id = "p1";
  EXPECT_TRUE(domain::MaySee(partner, e));
  EXPECT_TRUE(domain::MaySee(admin, e));
  EXPECT_FALSE(domain::MaySee(identity::Caller{.subject = "p2", .role = "partner"}, e));
}

TEST(WebhookEndpointTest, NamesEveryBadField) {
  domain::WebhookEndpointInput in{.url = "ftp://x.org/",
                                  .topics = {"nonsense.topic"},
                                  .description = std::string(501, 'd'),
                                  .active = true,
                                  .fields = {"secret"}};
  std::set<std::string> fields;
  for (const auto& p : domain::CheckEndpointInput(in, true)) fields.insert(p.field);
  EXPECT_EQ(fields, (std::set<std::string>{"url", "topics[0]", "description", "secret"}));
  domain::WebhookEndpointInput none;
  none.url = "https://x.org/";
  EXPECT_EQ(domain::CheckEndpointInput(none, true).at(0).field, "topics");
}

}  // namespace
}  // namespace iris::notifications
