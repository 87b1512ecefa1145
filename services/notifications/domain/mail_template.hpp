// Mail templates: services/notifications/templates/<language>/<name>.txt, embedded in the
// binary at build time. A template is a "Subject: ..." line, an empty line and the body; both
// may name placeholders ({{title}}) from MailPlaceholders(). Pure: no I/O.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace iris::notifications::domain {

struct MailTemplate {
  std::string subject;
  std::string body;
};

// Every placeholder a template may name; rendering fills each (empty when the message lacks it).
std::span<const std::string_view> MailPlaceholders();

// Parses one template file; names unknown placeholders, an unclosed "{{", a missing or empty
// Subject line or a missing empty line after it.
absl::StatusOr<MailTemplate> ParseMailTemplate(std::string_view text);

using MailValues = std::map<std::string, std::string, std::less<>>;
// Replaces each {{name}} with values[name] (empty when absent). Values are inserted as they
// are: a value holding "{{x}}" stays literal text.
std::string RenderText(std::string_view text, const MailValues& values);

// The templates by language and name. For a type "a.b.c" the names "a.b.c", then its family
// "a.b", then "default"; each in the recipient's language, then each shorter language tag
// ("sr-Latn-RS" -> "sr-Latn" -> "sr"), then "en".
class MailTemplates {
 public:
  struct File {
    std::string_view path;  // "<language>/<name>.txt"
    std::string_view text;
  };
  // Every file must parse and en/default.txt must exist (the last fallback); one error names
  // every bad file.
  static absl::StatusOr<MailTemplates> FromFiles(std::span<const File> files);
  // The templates embedded from services/notifications/templates/ (checked by a unit test, so
  // a bad file cannot reach a binary that passed its tests; Load reports it at start anyway).
  static absl::StatusOr<MailTemplates> Embedded();

  // The template to use and the language it is in.
  std::pair<const MailTemplate*, std::string> Find(std::string_view language,
                                                   std::string_view type) const;
  // Whether a template of exactly this language and name exists (no fallback).
  bool Has(std::string_view language, std::string_view name) const;
  std::vector<std::string> Languages() const;

 private:
  std::map<std::string, MailTemplate, std::less<>> by_key_;  // "<language>/<name>"
};

}  // namespace iris::notifications::domain
