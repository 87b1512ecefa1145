// Membership as a use case test sees it: the organisations and users it knows, or that it does
// not answer. Header-only, for unit and database tests of the services that ask membership.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "libs/members/directory.hpp"

namespace iris::members {

class FakeDirectory : public MembershipDirectory {
 public:
  absl::StatusOr<OrganizationFacts> Organization(const identity::Caller&,
                                                 const std::string& id) override {
    ++asked;
    if (down) return absl::UnavailableError("membership did not answer");
    if (while_asked) while_asked();
    auto it = orgs.find(id);
    return it == orgs.end() ? OrganizationFacts{} : it->second;
  }
  absl::StatusOr<UserFacts> User(const identity::Caller&, const std::string& id) override {
    ++asked;
    if (down) return absl::UnavailableError("membership did not answer");
    auto it = users.find(id);
    return it == users.end() ? UserFacts{} : it->second;
  }

  std::map<std::string, OrganizationFacts> orgs;
  std::map<std::string, UserFacts> users;
  bool down = false;
  int asked = 0;
  // Runs while an organisation is asked: between a use case's checks and its write, where a
  // concurrent change would land.
  std::function<void()> while_asked;
};

}  // namespace iris::members
