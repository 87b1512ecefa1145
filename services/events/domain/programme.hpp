// Programmes that run for months: EU-based traineeships and mentoring (e.g. for the licensing
// of social services), created by staff and read by staff and members. Pure rules: no I/O, no
// proto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "libs/values/text_rules.hpp"
#include "libs/values/types.hpp"

namespace iris::events::domain {

using values::InvalidField;
using values::LocalizedText;
using values::Time;

enum class ProgrammeKind { kTraineeship, kMentoring };
std::string_view ProgrammeKindWord(ProgrammeKind k);  // "traineeship", as stored and on the wire
std::optional<ProgrammeKind> ParseProgrammeKind(std::string_view word);
inline constexpr ProgrammeKind kAllProgrammeKinds[] = {ProgrammeKind::kTraineeship,
                                                       ProgrammeKind::kMentoring};

// Limits a client meets as 422s (docs/openapi.yaml says the same).
inline constexpr size_t kMaxProgrammeName = 300;           // characters per language
inline constexpr size_t kMaxProgrammeDescription = 20000;  // characters per language

struct Programme {
  std::string id;
  ProgrammeKind kind = ProgrammeKind::kTraineeship;
  LocalizedText name;
  LocalizedText description;  // empty: none
  std::string starts_on;      // YYYY-MM-DD
  std::string ends_on;        // YYYY-MM-DD, not before starts_on
  int placements = 0;         // how many placements it has (kept by placement creation)
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// The fields a client sent, each set only when it was sent.
struct ProgrammePatch {
  std::optional<std::string> kind;  // the API word; "" when sent without a value
  std::optional<LocalizedText> name, description;
  std::optional<std::string> starts_on, ends_on;
  std::vector<std::string> read_only_sent;  // fields the server owns (id, placements, ...)
  std::vector<std::string> unknown_sent;    // names that are no field of a programme
};

bool IsReadOnlyProgrammeField(std::string_view field);

// A new programme from `patch`: every required field present, every rule checked, every
// problem at once, named as the body names them ("name.en", "ends_on").
std::vector<InvalidField> NewProgramme(const ProgrammePatch& patch, Programme* out);

// Staff create programmes: network admins and national coordinators (programmes belong to no
// country; their placements do).
bool CanCreateProgrammes(const identity::Caller& caller);
// Staff and members read programmes; partners and reviewers do not (the partner integration
// reads members, events, grants and documents: DOMAIN.md "Who uses it"). The use cases answer
// anonymous callers 401 before asking this.
bool CanReadProgrammes(const identity::Caller& caller);

}  // namespace iris::events::domain
