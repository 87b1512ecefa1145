#include "services/events/domain/programme.hpp"

#include "libs/values/local_dates.hpp"
#include "libs/values/reference_codes.hpp"

namespace iris::events::domain {
namespace {

constexpr std::string_view kReadOnly[] = {"id", "placements", "version", "created_at",
                                          "updated_at"};

}  // namespace

std::string_view ProgrammeKindWord(ProgrammeKind k) {
  switch (k) {
    case ProgrammeKind::kTraineeship: return "traineeship";
    case ProgrammeKind::kMentoring: return "mentoring";
  }
  return "traineeship";
}

std::optional<ProgrammeKind> ParseProgrammeKind(std::string_view word) {
  for (auto k : kAllProgrammeKinds) {
    if (ProgrammeKindWord(k) == word) return k;
  }
  return std::nullopt;
}

bool IsReadOnlyProgrammeField(std::string_view field) {
  for (auto f : kReadOnly) {
    if (f == field) return true;
  }
  return false;
}

std::vector<InvalidField> NewProgramme(const ProgrammePatch& p, Programme* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : p.read_only_sent)
    problems.push_back({f, "is read-only; the server sets it"});
  for (const auto& f : p.unknown_sent) problems.push_back({f, "is not a field of a programme"});

  const auto kind = p.kind ? ParseProgrammeKind(*p.kind) : std::nullopt;
  if (!kind) {
    problems.push_back({"kind", "is required: traineeship or mentoring"});
  } else {
    out->kind = *kind;
  }
  if (!p.name || p.name->empty()) {
    problems.push_back({"name", "is required: a map of language to text, such as {\"en\": ...}"});
  } else {
    out->name = values::CheckLocalizedText(*p.name, "name", values::LanguageCodes(),
                                           kMaxProgrammeName, &problems);
  }
  if (p.description) {
    out->description =
        values::CheckLocalizedText(*p.description, "description", values::LanguageCodes(),
                                   kMaxProgrammeDescription, &problems);
  }
  std::optional<values::LocalDate> starts, ends;
  if (!p.starts_on || p.starts_on->empty()) {
    problems.push_back({"starts_on", "is required: the first day (YYYY-MM-DD)"});
  } else if (!(starts = values::ParseDate(*p.starts_on))) {
    problems.push_back({"starts_on", "must be a date YYYY-MM-DD"});
  }
  if (!p.ends_on || p.ends_on->empty()) {
    problems.push_back({"ends_on", "is required: the last day (YYYY-MM-DD)"});
  } else if (!(ends = values::ParseDate(*p.ends_on))) {
    problems.push_back({"ends_on", "must be a date YYYY-MM-DD"});
  }
  if (starts && ends && *ends < *starts) {
    problems.push_back({"ends_on", "must not be before starts_on"});
  }
  if (starts) out->starts_on = values::DateText(*starts);
  if (ends) out->ends_on = values::DateText(*ends);
  return problems;
}

bool CanCreateProgrammes(const identity::Caller& caller) {
  return caller.IsNetworkAdmin() || caller.IsCoordinator();
}

bool CanReadProgrammes(const identity::Caller& caller) {
  return caller.IsNetworkAdmin() || caller.IsCoordinator() || caller.IsMember();
}

}  // namespace iris::events::domain
