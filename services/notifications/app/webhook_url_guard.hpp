// The SSRF guard of webhooks: parses a URL, resolves its host and refuses it unless every
// address may be called (domain/webhook_address.hpp). Used when an endpoint is created or
// changed and again before every attempt, whose connection then goes to the very address
// checked (CURLOPT_RESOLVE), so a DNS answer that changes in between cannot redirect it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/notifications/domain/webhook_address.hpp"

namespace iris::notifications::app {

// Resolving names is the one I/O of the check; tests give a table instead.
class AddressResolver {
 public:
  virtual ~AddressResolver() = default;
  // Every address of `host` (an address literal resolves to itself); NOT_FOUND when the name
  // does not resolve.
  virtual absl::StatusOr<std::vector<domain::IpAddress>> Resolve(const std::string& host) = 0;
};

// getaddrinfo.
class SystemResolver final : public AddressResolver {
 public:
  absl::StatusOr<std::vector<domain::IpAddress>> Resolve(const std::string& host) override;
};

struct CheckedUrl {
  domain::WebhookUrl url;
  domain::IpAddress address;  // the one to connect to
};

class WebhookUrlGuard {
 public:
  // `allow_cidrs`: IRIS_WEBHOOK_ALLOW_CIDRS; a bad range throws std::invalid_argument naming
  // it (the service refuses to start).
  WebhookUrlGuard(AddressResolver& resolver, std::string_view allow_cidrs);

  // INVALID_ARGUMENT with a message for the field "url" when the URL may not be called.
  absl::StatusOr<CheckedUrl> Check(std::string_view url) const;

 private:
  AddressResolver& resolver_;
  std::vector<domain::Cidr> allowed_;
};

}  // namespace iris::notifications::app
