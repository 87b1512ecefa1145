#include "services/notifications/app/webhook_url_guard.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace iris::notifications::app {

absl::StatusOr<std::vector<domain::IpAddress>> SystemResolver::Resolve(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &res) != 0 || res == nullptr) {
    return absl::NotFoundError("host " + host + " does not resolve");
  }
  std::vector<domain::IpAddress> out;
  for (addrinfo* ai = res; ai != nullptr; ai = ai->ai_next) {
    domain::IpAddress a;
    if (ai->ai_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(ai->ai_addr);
      a.bytes[10] = a.bytes[11] = 0xff;
      std::memcpy(a.bytes.data() + 12, &sin->sin_addr, 4);
    } else if (ai->ai_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(ai->ai_addr);
      std::memcpy(a.bytes.data(), &sin6->sin6_addr, 16);
    } else {
      continue;
    }
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  freeaddrinfo(res);
  return out;
}

WebhookUrlGuard::WebhookUrlGuard(AddressResolver& resolver, std::string_view allow_cidrs)
    : resolver_(resolver) {
  auto parsed = domain::ParseCidrs(allow_cidrs);
  if (!parsed.ok()) {
    throw std::invalid_argument("IRIS_WEBHOOK_ALLOW_CIDRS: " +
                                std::string(parsed.status().message()));
  }
  allowed_ = *std::move(parsed);
}

absl::StatusOr<CheckedUrl> WebhookUrlGuard::Check(std::string_view url) const {
  auto parsed = domain::ParseWebhookUrl(url);
  if (!parsed.ok()) return parsed.status();
  // Every address must pass, not only the first: a client could otherwise hide a private
  // address behind a public one and win whenever the resolver's order changes.
  auto addresses = resolver_.Resolve(parsed->host);
  if (!addresses.ok()) {
    return absl::InvalidArgumentError("has a host that does not resolve (" + parsed->host + ")");
  }
  if (auto s = domain::CheckAddresses(*addresses, allowed_); !s.ok()) return s;
  return CheckedUrl{.url = *std::move(parsed), .address = addresses->front()};
}

}  // namespace iris::notifications::app
