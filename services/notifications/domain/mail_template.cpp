#include "services/notifications/domain/mail_template.hpp"

#include <algorithm>
#include <array>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "notifications_templates.hpp"

namespace iris::notifications::domain {
namespace {

// Sorted. mail_content.cpp fills every one of them.
constexpr auto kPlaceholders = std::to_array<std::string_view>({
    "closes_at",    // the deadline (payload closes_at / registration_closes_at), readable UTC
    "description",  // the topic's description from the catalogue (English)
    "link",         // IRIS_PUBLIC_BASE_URL + the resource's path
    "name",         // the recipient's name
    "occurred_at",  // when it happened, readable UTC
    "status",       // payload status
    "subject_id",   // the resource's id
    "title",        // payload title (localized: the recipient's language, else en)
    "type",         // the message type
});

constexpr std::string_view kSubjectPrefix = "Subject: ";

// The placeholders `text` names, or the first problem.
absl::Status CheckText(std::string_view text) {
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const size_t end = text.find("}}", pos + 2);
    if (end == std::string_view::npos) return absl::InvalidArgumentError("unclosed {{");
    const std::string_view name = text.substr(pos + 2, end - pos - 2);
    if (!std::binary_search(kPlaceholders.begin(), kPlaceholders.end(), name)) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown placeholder {{", std::string(name), "}}"));
    }
    pos = end + 2;
  }
  return absl::OkStatus();
}

}  // namespace

std::span<const std::string_view> MailPlaceholders() { return kPlaceholders; }

absl::StatusOr<MailTemplate> ParseMailTemplate(std::string_view text) {
  const size_t eol = text.find('\n');
  if (eol == std::string_view::npos) return absl::InvalidArgumentError("no body");
  std::string_view first = text.substr(0, eol);
  if (first.ends_with('\r')) first.remove_suffix(1);
  if (!first.starts_with(kSubjectPrefix) || first.size() == kSubjectPrefix.size()) {
    return absl::InvalidArgumentError("the first line must be \"Subject: <subject>\"");
  }
  std::string_view rest = text.substr(eol + 1);
  if (rest.starts_with("\r\n")) {
    rest.remove_prefix(2);
  } else if (rest.starts_with('\n')) {
    rest.remove_prefix(1);
  } else {
    return absl::InvalidArgumentError("an empty line must follow the Subject line");
  }
  MailTemplate t{.subject = std::string(first.substr(kSubjectPrefix.size())),
                 .body = std::string(rest)};
  if (auto s = CheckText(t.subject); !s.ok()) return s;
  if (auto s = CheckText(t.body); !s.ok()) return s;
  if (t.body.find_first_not_of(" \r\n\t") == std::string::npos) {
    return absl::InvalidArgumentError("empty body");
  }
  return t;
}

std::string RenderText(std::string_view text, const MailValues& values) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = text.find("{{", pos);
    const size_t close = open == std::string_view::npos ? open : text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out.append(text.substr(pos, open - pos));
    auto it = values.find(text.substr(open + 2, close - open - 2));
    if (it != values.end()) out.append(it->second);
    pos = close + 2;
  }
  out.append(text.substr(pos));
  return out;
}

absl::StatusOr<MailTemplates> MailTemplates::FromFiles(std::span<const File> files) {
  MailTemplates out;
  std::vector<std::string> problems;
  for (const File& f : files) {
    const size_t slash = f.path.find('/');
    if (slash == std::string_view::npos || !f.path.ends_with(".txt") ||
        f.path.find('/', slash + 1) != std::string_view::npos) {
      problems.push_back(absl::StrCat(std::string(f.path), ": not <language>/<name>.txt"));
      continue;
    }
    auto t = ParseMailTemplate(f.text);
    if (!t.ok()) {
      problems.push_back(absl::StrCat(std::string(f.path), ": ", t.status().message()));
      continue;
    }
    out.by_key_.emplace(std::string(f.path.substr(0, f.path.size() - 4)), *std::move(t));
  }
  if (!out.Has("en", "default")) problems.push_back("en/default.txt is missing");
  if (!problems.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("mail templates: ", absl::StrJoin(problems, "; ")));
  }
  return out;
}

absl::StatusOr<MailTemplates> MailTemplates::Embedded() {
  std::vector<File> files;
  for (const auto& f : templates::kAll) files.push_back({.path = f.path, .text = f.text});
  return FromFiles(files);
}

bool MailTemplates::Has(std::string_view language, std::string_view name) const {
  return by_key_.find(absl::StrCat(std::string(language), "/", std::string(name))) != by_key_.end();
}

std::pair<const MailTemplate*, std::string> MailTemplates::Find(std::string_view language,
                                                                std::string_view type) const {
  std::vector<std::string> languages;
  for (std::string_view l = language; !l.empty();) {
    languages.emplace_back(l);
    const size_t dash = l.rfind('-');
    l = dash == std::string_view::npos ? std::string_view() : l.substr(0, dash);
  }
  languages.emplace_back("en");
  std::vector<std::string> names{std::string(type)};
  if (const size_t dot = type.rfind('.'); dot != std::string_view::npos) {
    names.emplace_back(type.substr(0, dot));
  }
  names.emplace_back("default");
  // The most specific template first, in any language: an English mail about the very topic
  // says more than a translated generic one.
  for (const std::string& n : names) {
    for (const std::string& l : languages) {
      auto it = by_key_.find(absl::StrCat(l, "/", n));
      if (it != by_key_.end()) return {&it->second, l};
    }
  }
  // FromFiles guarantees en/default.
  return {&by_key_.find("en/default")->second, "en"};
}

std::vector<std::string> MailTemplates::Languages() const {
  std::set<std::string> langs;
  for (const auto& [key, t] : by_key_) langs.insert(key.substr(0, key.find('/')));
  return {langs.begin(), langs.end()};
}

}  // namespace iris::notifications::domain
