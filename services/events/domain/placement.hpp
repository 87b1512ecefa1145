// Placements of a programme: a trainee hosted by an EU-based organisation for a period
// (traineeship), or a mentor working with a member organisation on a topic, with logged
// sessions and an outcome (mentoring). Visible to staff of the organisation's country and to
// the organisation's members only. Pure rules: no I/O, no proto.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "libs/identity/caller.hpp"
#include "services/events/domain/programme.hpp"

namespace iris::events::domain {

// Limits a client meets as 422s (docs/openapi.yaml says the same).
inline constexpr size_t kMaxPlacementPerson = 200;
inline constexpr size_t kMaxHostOrganization = 300;
inline constexpr size_t kMaxTopic = 200;
inline constexpr size_t kMaxOutcome = 4000;
inline constexpr size_t kMaxSessionNote = 4000;
inline constexpr int kMaxSessionMinutes = 1440;
// Sessions a placement holds (events.placements CHECK says the same): a year of weekly
// sessions several times over. A placement does not carry them (they are listed in pages).
inline constexpr int kMaxSessions = 500;

struct Person {
  std::string name;
  std::string email;  // "" when none was given
  bool operator==(const Person&) const = default;
};

struct MentoringSession {
  std::string id;
  std::string placement_id;
  std::string date;  // YYYY-MM-DD
  int minutes = 0;
  std::string note;
  Time created_at;
};

struct Placement {
  std::string id;
  std::string programme_id;
  ProgrammeKind kind = ProgrammeKind::kTraineeship;  // the programme's
  std::string organization_id;
  std::string country;  // the organisation's, from membership at creation
  // Traineeship.
  Person trainee;
  std::string host_organization;
  std::string starts_on, ends_on;  // "" when not set (mentoring)
  // Mentoring.
  Person mentor;
  std::string topic;
  std::string outcome;
  int session_count = 0;  // its sessions are listed apart (ListSessions)
  int total_minutes = 0;
  int64_t version = 1;
  Time created_at;
  Time updated_at;
};

// The fields a client sent, each set only when it was sent ("" or an empty person: sent
// without a value, which clears an optional field and fails a required one).
struct PlacementPatch {
  std::optional<std::string> organization_id;
  std::optional<Person> trainee, mentor;
  std::optional<std::string> host_organization, starts_on, ends_on, topic, outcome;
  std::vector<std::string> read_only_sent;
  std::vector<std::string> unknown_sent;
};

bool IsReadOnlyPlacementField(std::string_view field);

// Applies `patch` to `placement` (a new one when `creating`: its programme_id and kind set from
// `programme`) and checks the result against the programme: the fields of the programme's
// kind, required ones present, a traineeship's period inside the programme's. Every problem at
// once; the names of changed fields go to *changed (for the audit log). organization_id is
// written only when creating (a UUID; membership's check is the use case's).
std::vector<InvalidField> ApplyPlacement(const PlacementPatch& patch, const Programme& programme,
                                         bool creating, Placement* placement,
                                         std::vector<std::string>* changed);

struct MentoringSessionPatch {
  std::optional<std::string> date;
  std::optional<int> minutes;
  std::optional<std::string> note;
  std::vector<std::string> read_only_sent;
  std::vector<std::string> unknown_sent;
};

// A new session from `patch` on a placement of `programme`: its date inside the programme's
// period; every problem at once.
std::vector<InvalidField> NewMentoringSession(const MentoringSessionPatch& patch,
                                              const Programme& programme, MentoringSession* out);

// Network admins, and the coordinator of `country`: they create and change placements of
// organisations in that country.
bool CanManagePlacements(const identity::Caller& caller, const std::string& country);
// Staff as above and the members of the placement's organisation; everyone else is told the
// placement does not exist.
bool CanSee(const identity::Caller& caller, const Placement& p);

}  // namespace iris::events::domain
