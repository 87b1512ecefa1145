// Who is calling: the identity the gateway authenticated, as every layer sees it. The gateway
// builds it, libs/grpc carries it as metadata, domain rules decide with it and the audit log
// records it. Plain data without dependencies, so domain code may include it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace iris::identity {

// The roles of API.md. A user has exactly one.
inline constexpr std::string_view kNetworkAdmin = "network_admin";
inline constexpr std::string_view kNationalCoordinator = "national_coordinator";
inline constexpr std::string_view kMember = "member";
inline constexpr std::string_view kReviewer = "reviewer";
inline constexpr std::string_view kPartner = "partner";

// One of the five roles above.
bool IsRole(std::string_view role);

// Every member has an initializer so callers and tests may brace-initialise a prefix, e.g.
// {subject, role, organization_id, country}, without tripping -Wmissing-field-initializers.
struct Caller {
  std::string subject = {};              // user id; empty for anonymous callers
  std::string role = {};                 // one of the roles above; "system" for our own jobs
  std::string organization_id = {};      // member (and optionally reviewer)
  std::string country = {};              // national_coordinator (and optionally reviewer)
  std::vector<std::string> scopes = {};  // API key scopes; empty for tokens (all the role may)
  std::string request_id = {};
  // Check only: run every rule of the request but write nothing (the gateway asks this when a
  // body had shape errors, to answer every error at once). db::RecordChange refuses to record a
  // change of a dry run, and grpc::Answer never answers one with success.
  bool dry_run = false;
  // The gateway's signed assertion this caller arrived with (libs/grpc/caller_assertion.hpp),
  // forwarded as-is when a service calls another, so the callee sees the original caller.
  std::string assertion = {};
  // When whoever called stops waiting (the incoming gRPC deadline; the epoch: no deadline). A
  // service calling another passes it on (grpc::PrepareContext never waits longer), and checks
  // ExpiresWithin before a write that follows such a call: an answer nobody waits for any more
  // must not be a change the client was told did not happen (a 503).
  std::chrono::system_clock::time_point deadline = {};

  bool anonymous() const { return subject.empty(); }
  bool HasRole(std::string_view r) const { return role == r; }
  bool IsNetworkAdmin() const;
  // A coordinator acts for a country; without one the role grants nothing.
  bool IsCoordinator() const;
  // A member acts for an organisation; without one the role grants nothing.
  bool IsMember() const;
  // Whether the deadline (if any) is less than `margin` away.
  bool ExpiresWithin(std::chrono::milliseconds margin) const;
};

}  // namespace iris::identity
