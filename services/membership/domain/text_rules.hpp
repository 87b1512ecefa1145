// Rules for text and list fields that several membership resources share.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace iris::membership::domain {

// One broken rule of one field, named by its path in the body ("licensing.authority").
struct InvalidField {
  std::string field;
  std::string message;
};

// RFC 5321's limit on an address in a mail path; longer ones cannot receive mail anyway.
inline constexpr size_t kMaxEmailLength = 254;

// Length in characters (UTF-8 code points), which is what limits like "200 characters" mean.
size_t CharCount(std::string_view utf8);

// local@domain.tld with one '@', no spaces, commas or angle brackets: catches typos, not every
// RFC 5322 corner (delivery is the real check).
bool LooksLikeEmail(std::string_view email);

// A list of codes of one reference list (target groups, languages) as a client sends it.
struct CodeList {
  std::string_view field;      // "target_groups"
  std::string_view code_name;  // "target group", as in "unknown target group 'x'"
  std::string_view source;     // "GET /v1/target-groups"
  size_t max_items;            // counted as sent, duplicates included (JSON Schema's maxItems)
};

// The known codes of `sent`, each once, in the order sent; a problem per unknown code, named by
// its index ("target_groups[2]", the gateway's notation for elements). A list
// longer than max_items is one problem and its codes are not looked at, so a hostile list of
// thousands of unknown codes cannot grow the 422 with it.
std::vector<std::string> CheckCodeList(const std::vector<std::string>& sent,
                                       const std::set<std::string>& known, const CodeList& list,
                                       std::vector<InvalidField>* problems);

}  // namespace iris::membership::domain
