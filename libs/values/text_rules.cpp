#include "libs/values/text_rules.hpp"

#include <algorithm>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace iris::values {
namespace {

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// Unicode's white space (Zs, Zl, Zp and the spaces among the controls), controls (Cc) and format
// characters (Cf: soft hyphen, zero-width and direction marks, the BOM, tags...): characters a
// reader cannot see, so two addresses that look the same would be different ones.
bool IsSpaceControlOrFormat(char32_t c) {
  struct Range {
    char32_t first, last;
  };
  static constexpr Range kRanges[] = {
      {0x00, 0x20},       {0x7F, 0xA0},       {0xAD, 0xAD},       {0x600, 0x605},
      {0x61C, 0x61C},     {0x6DD, 0x6DD},     {0x70F, 0x70F},     {0x890, 0x891},
      {0x8E2, 0x8E2},     {0x1680, 0x1680},   {0x180E, 0x180E},   {0x2000, 0x200F},
      {0x2028, 0x202F},   {0x205F, 0x2064},   {0x2066, 0x206F},   {0x3000, 0x3000},
      {0xFEFF, 0xFEFF},   {0xFFF9, 0xFFFB},   {0x110BD, 0x110BD}, {0x110CD, 0x110CD},
      {0x13430, 0x1343F}, {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
      {0xE0020, 0xE007F},
  };
  return std::any_of(std::begin(kRanges), std::end(kRanges),
                     [c](const Range& r) { return r.first <= c && c <= r.last; });
}

// Whether `s` is well-formed UTF-8 without any character IsSpaceControlOrFormat names.
bool AllVisible(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    size_t n = 0;
    char32_t c = 0;
    if (b0 < 0x80) {
      n = 1, c = b0;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      n = 2, c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      n = 3, c = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      n = 4, c = b0 & 0x07;
    } else {
      return false;
    }
    if (i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0) != 0x80) return false;
      c = (c << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
    if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
        (c >= 0xD800 && c <= 0xDFFF)) {
      return false;
    }
    if (IsSpaceControlOrFormat(c)) return false;
    i += n;
  }
  return true;
}

}  // namespace

size_t CharCount(std::string_view s) {
  return static_cast<size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// "No spaces" in the header's sense: well-formed UTF-8 without Unicode white space, control or
// format characters (U+00A0, U+200B, U+FEFF...), so an address that looks like another is not
// a different one.
bool LooksLikeEmail(std::string_view e) {
  const size_t at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view domain = e.substr(at + 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 >= domain.size()) return false;
  return AllVisible(e) &&
         std::none_of(e.begin(), e.end(), [](char c) { return c == ',' || c == '<' || c == '>'; });
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
