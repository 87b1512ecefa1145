#include "services/notifications/domain/webhook_address.hpp"

#include <arpa/inet.h>

#include <cctype>
#include <charconv>

#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"

namespace iris::notifications::domain {
namespace {

constexpr std::array<uint8_t, 12> kMappedPrefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

struct Range {
  const char* cidr;
  std::string_view reason;
};

// Checked in this order, so the narrower name wins (metadata before link-local or private).
// IPv4 ranges: RFC 6890's special-purpose registry; IPv6: the same registry, and anything
// outside global unicast (2000::/3) is refused below as reserved.
constexpr Range kForbidden[] = {
    {"169.254.169.254/32", "cloud metadata"},
    {"fd00:ec2::254/128", "cloud metadata"},
    {"0.0.0.0/8", "reserved"},
    {"10.0.0.0/8", "private"},
    {"100.64.0.0/10", "carrier-grade NAT"},
    {"127.0.0.0/8", "loopback"},
    {"169.254.0.0/16", "link-local"},
    {"172.16.0.0/12", "private"},
    {"192.0.0.0/24", "reserved"},
    {"192.0.2.0/24", "documentation"},
    {"192.88.99.0/24", "reserved"},
    {"192.168.0.0/16", "private"},
    {"198.18.0.0/15", "reserved"},
    {"198.51.100.0/24", "documentation"},
    {"203.0.113.0/24", "documentation"},
    {"224.0.0.0/4", "multicast"},
    {"240.0.0.0/4", "reserved"},
    {"::1/128", "loopback"},
    {"::/128", "reserved"},
    {"fc00::/7", "private"},
    {"fe80::/10", "link-local"},
    {"ff00::/8", "multicast"},
    // Inside 2000::/3 but not ordinary global unicast: IETF assignments (Teredo included),
    // documentation, 6to4 (reaches any IPv4 address through a relay).
    {"2001:db8::/32", "documentation"},
    {"3fff::/20", "documentation"},
    {"2001::/23", "reserved"},
    {"2002::/16", "reserved"},
};

const std::vector<Cidr>& ForbiddenRanges() {
  static const std::vector<Cidr> ranges = [] {
    std::vector<Cidr> out;
    for (const auto& r : kForbidden) out.push_back(ParseCidrs(r.cidr).value().front());
    return out;
  }();
  return ranges;
}

bool IsHostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool IpAddress::IsV4() const {
  return std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), bytes.begin());
}

std::string IpAddress::ToString() const {
  char buf[INET6_ADDRSTRLEN] = {};
  if (IsV4()) {
    inet_ntop(AF_INET, bytes.data() + 12, buf, sizeof buf);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
  }
  return buf;
}

std::optional<IpAddress> ParseIp(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string s(text);
  IpAddress a;
  unsigned char v4[4];
  if (inet_pton(AF_INET, s.c_str(), v4) == 1) {
    std::copy(kMappedPrefix.begin(), kMappedPrefix.end(), a.bytes.begin());
    std::copy(v4, v4 + 4, a.bytes.begin() + 12);
    return a;
  }
  if (inet_pton(AF_INET6, s.c_str(), a.bytes.data()) == 1) return a;
  return std::nullopt;
}

bool Cidr::Contains(const IpAddress& a) const {
  int bits = prefix;
  for (size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const uint8_t mask = bits >= 8 ? 0xff : static_cast<uint8_t>(0xff << (8 - bits));
    if ((a.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

absl::StatusOr<std::vector<Cidr>> ParseCidrs(std::string_view list) {
  std::vector<Cidr> out;
  for (absl::string_view raw : absl::StrSplit(absl::string_view(list.data(), list.size()), ',')) {
    std::string_view item(raw.data(), raw.size());
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    const auto slash = item.find('/');
    const auto address = ParseIp(item.substr(0, slash));
    const auto bad = [&] {
      return absl::InvalidArgumentError(
          "\"" + std::string(item) + "\" is not an address range such as 10.0.0.0/8 or fd00::/8");
    };
    if (!address) return bad();
    const int max_bits = address->IsV4() ? 32 : 128;
    int bits = max_bits;
    if (slash != std::string_view::npos) {
      const std::string_view digits = item.substr(slash + 1);
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
          bits > max_bits) {
        return bad();
      }
    }
    out.push_back(Cidr{.base = *address, .prefix = address->IsV4() ? 96 + bits : bits});
  }
  return out;
}

std::optional<std::string_view> ForbiddenReason(const IpAddress& a) {
  const auto& ranges = ForbiddenRanges();
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].Contains(a)) return kForbidden[i].reason;
  }
  // IPv6 outside global unicast 2000::/3: IPv4-compatible, NAT64, discard and unassigned space.
  if (!a.IsV4() && (a.bytes[0] & 0xe0) != 0x20) return "reserved";
  return std::nullopt;
}

absl::StatusOr<WebhookUrl> ParseWebhookUrl(std::string_view url) {
  const auto bad = [](std::string msg) { return absl::InvalidArgumentError(std::move(msg)); };
  if (url.empty()) return bad("is required");
  if (url.size() > kMaxUrlLength) {
    return bad("must be at most " + std::to_string(kMaxUrlLength) + " characters");
  }
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return bad("must not contain spaces or control characters");
    }
  }
  const auto sep = url.find("://");
  if (sep == std::string_view::npos) return bad("must be an absolute http or https URL");
  WebhookUrl out;
  out.scheme = Lower(url.substr(0, sep));
  if (out.scheme != "http" && out.scheme != "https") {
    return bad("must use http or https, not " + out.scheme);
  }
  if (url.find('#') != std::string_view::npos) return bad("must not have a fragment (#)");
  std::string_view rest = url.substr(sep + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  if (authority.find('@') != std::string_view::npos) {
    return bad("must not contain user information (user:password@)");
  }
  std::string_view port_text;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return bad("has an unclosed [ in its host");
    out.host = Lower(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':') return bad("has a malformed host");
    if (!after.empty()) port_text = after.substr(1);
    const auto ip = ParseIp(out.host);
    if (!ip || ip->IsV4()) return bad("has a malformed IPv6 address in brackets");
  } else {
    const auto colon = authority.find(':');
    out.host = Lower(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    for (char c : out.host) {
      if (!IsHostChar(c)) return bad("has a host with characters a host name cannot have");
    }
  }
  if (out.host.empty()) return bad("has no host");
  out.port = out.scheme == "https" ? 443 : 80;
  if (!port_text.empty() || authority.ends_with(':')) {
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() ||
        port < 1 || port > 65535) {
      return bad("has a port outside 1..65535");
    }
    out.port = port;
  }
  return out;
}

absl::Status CheckAddresses(const std::vector<IpAddress>& addresses,
                            const std::vector<Cidr>& allowed) {
  if (addresses.empty()) return absl::InvalidArgumentError("does not resolve to any address");
  for (const auto& a : addresses) {
    const auto reason = ForbiddenReason(a);
    if (!reason) continue;
    bool opened = false;
    for (const auto& c : allowed) opened = opened || c.Contains(a);
    if (!opened) {
      return absl::InvalidArgumentError("resolves to " + a.ToString() + ", a " +
                                        std::string(*reason) +
                                        " address, which webhooks may not call");
    }
  }
  return absl::OkStatus();
}

}  // namespace iris::notifications::domain
