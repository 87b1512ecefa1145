#include "libs/values/text_rules.hpp"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iris::values {
namespace {

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

}  // namespace

size_t CharCount(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

bool LooksLikeEmail(std::string_view e) {
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return std::none_of(e.begin(), e.end(), [](char c) {
    return absl::ascii_isspace(static_cast<unsigned char>(c)) || c == ',' || c == '<' || c == '>';
  });
}

std::vector<std::string> CheckCodeList(const std::vector<std::string>& sent,
                                       const std::set<std::string>& known, const CodeList& list,
                                       std::vector<InvalidField>* problems) {
  std::vector<std::string> codes;
  if (sent.size() > list.max_items) {
    problems->push_back(
        {std::string(list.field), absl::StrCat("must list at most ", list.max_items, " codes of ",
                                               std::string(list.source))});
    return codes;
  }
  for (size_t i = 0; i < sent.size(); ++i) {
    const std::string& code = sent[i];
    if (!known.contains(code)) {
      // Named by its index, as the gateway names elements: "target_groups[2]".
      problems->push_back({absl::StrCat(std::string(list.field), "[", i, "]"),
                           absl::StrCat("unknown ", std::string(list.code_name), " '", code, "' (",
                                        std::string(list.source), ")")});
    } else if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      codes.push_back(code);
    }
  }
  return codes;
}

bool LooksLikePhone(std::string_view p) {
  int digits = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (absl::ascii_isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (!(c == ' ' || c == '-' || c == '(' || c == ')' || c == '/' || c == '.' ||
                 (c == '+' && i == 0))) {
      return false;
    }
  }
  return digits >= 6;
}

bool LooksLikeWebsite(std::string_view w, bool https_only) {
  std::string_view rest;
  const std::string lower = absl::AsciiStrToLower(std::string(w.substr(0, 8)));
  if (lower.rfind("https://", 0) == 0) {
    rest = w.substr(8);
  } else if (!https_only && lower.rfind("http://", 0) == 0) {
    rest = w.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == ':' || rest.front() == '.') {
    return false;
  }
  return std::none_of(rest.begin(), rest.end(),
                      [](char c) { return absl::ascii_isspace(static_cast<unsigned char>(c)); });
}

std::map<std::string, std::string> CheckLocalizedText(
    const std::map<std::string, std::string>& sent, std::string_view field,
    const std::set<std::string>& languages, size_t max_chars, std::vector<InvalidField>* problems) {
  std::map<std::string, std::string> out;
  // Bounded before the keys are looked at: hundreds of unknown keys would be hundreds of
  // problems.
  if (sent.size() > kMaxLanguages) {
    problems->push_back(
        {std::string(field), absl::StrCat("must have at most ", kMaxLanguages, " languages")});
    return out;
  }
  for (const auto& [lang, text] : sent) {
    const std::string path = std::string(field) + "." + lang;
    if (!languages.contains(lang)) {
      problems->push_back({path, "must be a language of GET /v1/languages"});
    }
    std::string v = Trimmed(text);
    if (v.empty()) problems->push_back({path, "must not be empty"});
    if (CharCount(v) > max_chars) {
      problems->push_back({path, absl::StrCat("must be at most ", max_chars, " characters")});
    }
    out[lang] = std::move(v);
  }
  return out;
}

}  // namespace iris::values
