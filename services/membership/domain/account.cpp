#include "services/membership/domain/account.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "libs/values/uuid.hpp"

namespace iris::membership::domain {
namespace {

// Code points of valid UTF-8, or nullopt for invalid input.
std::optional<size_t> CodePoints(std::string_view s) {
  size_t count = 0;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return std::nullopt;
    }
    i += len;
    ++count;
  }
  return count;
}

bool IsEmail(std::string_view e) {
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == e.size()) return false;
  if (e.find('@', at + 1) != std::string_view::npos) return false;
  return std::none_of(e.begin(), e.end(), [](char c) {
    return absl::ascii_isspace(static_cast<unsigned char>(c)) || absl::ascii_iscntrl(c);
  });
}

std::string Trim(std::string_view s) {
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.front())))
    s.remove_prefix(1);
  while (!s.empty() && absl::ascii_isspace(static_cast<unsigned char>(s.back())))
    s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string NormalizeEmail(std::string_view email) { return absl::AsciiStrToLower(Trim(email)); }

FieldProblems CheckPassword(std::string_view password) {
  FieldProblems v;
  auto add = [&v](std::string field, std::string message) {
    v.push_back({std::move(field), std::move(message)});
  };
  const auto n = CodePoints(password);
  if (!n) {
    add("password", "must be valid UTF-8");
  } else if (*n < kMinPasswordLength) {
    add("password", absl::StrCat("must be at least ", kMinPasswordLength, " characters"));
  } else if (*n > kMaxPasswordLength) {
    add("password", absl::StrCat("must be at most ", kMaxPasswordLength, " characters"));
  }
  return v;
}

FieldProblems CheckSignIn(std::string_view email, std::string_view password) {
  FieldProblems v;
  if (CharCount(email) > kMaxEmailLength) {
    v.push_back({"email", absl::StrCat("must be at most ", kMaxEmailLength, " characters")});
  }
  if (CharCount(password) > kMaxPasswordLength) {
    v.push_back({"password", absl::StrCat("must be at most ", kMaxPasswordLength, " characters")});
  }
  return v;
}

FieldProblems CheckNewUser(NewUser& u) {
  FieldProblems v;
  auto add = [&v](std::string field, std::string message) {
    v.push_back({std::move(field), std::move(message)});
  };
  u.email = NormalizeEmail(u.email);
  u.name = Trim(u.name);
  if (u.country) u.country = absl::AsciiStrToUpper(*u.country);
  if (!IsEmail(u.email)) {
    add("email", "must be an email address");
  } else if (CharCount(u.email) > kMaxEmailLength) {
    add("email", absl::StrCat("must be at most ", kMaxEmailLength, " characters"));
  }
  if (u.name.empty()) add("name", "is required");
  if (CharCount(u.name) > 200) add("name", "must be at most 200 characters");
  {
    for (auto& p : CheckPassword(u.password)) v.push_back(std::move(p));
  }
  if (u.organization_id && !values::IsUuid(*u.organization_id)) {
    add("organization_id", "must be a UUID");
  }
  if (u.country && !IsCountryCode(*u.country)) add("country", "must be a country code");
  if (!identity::IsRole(u.role)) {
    add("role", "must be one of network_admin, national_coordinator, member, reviewer, partner");
  } else if (u.role == kMember) {
    if (!u.organization_id) add("organization_id", "is required for a member");
    if (u.country) add("country", "is not allowed for a member");
  } else if (u.role == kNationalCoordinator) {
    if (!u.country) add("country", "is required for a national coordinator");
    if (u.organization_id) add("organization_id", "is not allowed for a national coordinator");
  } else if (u.role != kReviewer) {
    if (u.organization_id) add("organization_id", "is not allowed for this role");
    if (u.country) add("country", "is not allowed for this role");
  }
  return v;
}

bool IsScope(std::string_view scope) {
  return scope == "read" || scope == "write" || scope == "webhooks:manage";
}

FieldProblems CheckNewApiKey(std::string& name, std::vector<std::string>& scopes) {
  FieldProblems v;
  auto add = [&v](std::string field, std::string message) {
    v.push_back({std::move(field), std::move(message)});
  };
  name = Trim(name);
  if (name.empty()) add("name", "is required");
  if (CharCount(name) > 100) add("name", "must be at most 100 characters");
  if (scopes.empty()) add("scopes", "needs at least one of read, write, webhooks:manage");
  if (scopes.size() > kMaxScopes) {
    // One problem, not one per entry: the list may be thousands long.
    add("scopes", absl::StrCat("must list at most ", kMaxScopes, " scopes"));
  } else {
    for (const auto& s : scopes) {
      if (!IsScope(s)) add("scopes", "unknown scope '" + s + "' (read, write, webhooks:manage)");
    }
  }
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  return v;
}

}  // namespace iris::membership::domain
