// Rules for text and list fields every service's domain shares (moved from membership when
// grants needed the same: names, localized maps, code lists).
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace iris::values {

// The most languages a localized map may hold (GET /v1/languages has eight).
inline constexpr size_t kMaxLanguages = 20;

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

// Digits with the usual separators, an optional leading +, and at least six digits.
bool LooksLikePhone(std::string_view phone);

// http(s)://host... with no spaces; `https_only` refuses http:// (addresses a browser loads
// inside an https page, such as a logo, must not be mixed content).
bool LooksLikeWebsite(std::string_view url, bool https_only = false);

// A localized map as sent ({"en": ..., "sr-Latn": ...}): each key a language of `languages`
// (GET /v1/languages), each text trimmed, non-empty and at most `max_chars` characters, at most
// kMaxLanguages entries (one problem for more, before any key is looked at). Problems are
// named "<field>.<language>". Returns the trimmed map.
std::map<std::string, std::string> CheckLocalizedText(
    const std::map<std::string, std::string>& sent, std::string_view field,
    const std::set<std::string>& languages, size_t max_chars, std::vector<InvalidField>* problems);

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

}  // namespace iris::values
