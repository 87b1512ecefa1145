// Which webhook URLs and addresses may be called (SSRF rules of issue 16): http(s) only, and
// no address inside the network's own reach (loopback, private, link-local, CGNAT, multicast,
// reserved, documentation, cloud metadata) unless an allow-listed range
// (IRIS_WEBHOOK_ALLOW_CIDRS) holds it. Pure: resolving names is app/'s job.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace iris::notifications::domain {

// An IPv4 address is kept as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so a mapped address
// a client writes as IPv6 is judged exactly as the IPv4 address it reaches.
struct IpAddress {
  std::array<uint8_t, 16> bytes{};
  bool IsV4() const;             // an IPv4 (or IPv4-mapped) address
  std::string ToString() const;  // dotted quad for IPv4, RFC 5952-ish text for IPv6
  bool operator==(const IpAddress&) const = default;
};

// "10.0.0.1", "::1", "::ffff:127.0.0.1" (no brackets, no zone); nullopt otherwise.
std::optional<IpAddress> ParseIp(std::string_view text);

struct Cidr {
  IpAddress base;
  int prefix = 0;  // over the 128-bit form (IPv4 ranges are stored as 96 + their prefix)
  bool Contains(const IpAddress& a) const;
};

// "127.0.0.0/8,fd00::/8" (spaces around items allowed; "" is none). A bad item is
// INVALID_ARGUMENT naming it.
absl::StatusOr<std::vector<Cidr>> ParseCidrs(std::string_view list);

// Why an address may not be called ("loopback", "private", ...); nullopt: a public address.
std::optional<std::string_view> ForbiddenReason(const IpAddress& a);

// The parts of a webhook URL the sender needs.
struct WebhookUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // a name, or an address (IPv6 without brackets)
  int port = 0;        // the explicit port, or the scheme's
};

inline constexpr size_t kMaxUrlLength = 2048;

// http(s)://host[:port][/path][?query]; no user info (credentials in a URL leak into logs),
// no fragment. The message says what is wrong, for a 422 on "url".
absl::StatusOr<WebhookUrl> ParseWebhookUrl(std::string_view url);

// OK when every address may be called: each is public, or inside `allowed`. Otherwise
// INVALID_ARGUMENT naming the first refused address and why; no addresses is refused too.
absl::Status CheckAddresses(const std::vector<IpAddress>& addresses,
                            const std::vector<Cidr>& allowed);

}  // namespace iris::notifications::domain
