#include "services/events/domain/placement.hpp"

#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/values/local_dates.hpp"
#include "libs/values/uuid.hpp"

namespace iris::events::domain {
namespace {

constexpr std::string_view kReadOnly[] = {"id",      "programme_id",  "kind",
                                          "country", "session_count", "total_minutes",
                                          "version", "created_at",    "updated_at"};

std::string Trimmed(const std::string& s) { return std::string(absl::StripAsciiWhitespace(s)); }

// Applies a patch field by field, then checks the whole against the programme.
class Applier {
 public:
  Applier(const PlacementPatch& patch, const Programme& programme, Placement* placement,
          std::vector<InvalidField>* problems, std::vector<std::string>* changed)
      : p_(patch), programme_(programme), out_(placement), problems_(problems), changed_(changed) {}

  void Run(bool creating) {
    for (const auto& f : p_.read_only_sent) Add(f, "is read-only; the server sets it");
    for (const auto& f : p_.unknown_sent) Add(f, "is not a field of a placement");
    if (creating) {
      out_->programme_id = programme_.id;
      out_->kind = programme_.kind;
      Organization();
    } else if (p_.organization_id) {
      Add("organization_id", "cannot change; create another placement for that organisation");
    }
    const bool traineeship = programme_.kind == ProgrammeKind::kTraineeship;
    // The other kind's fields are refused only when they hold a value: a client writing every
    // field with null for the ones it leaves empty is not wrong.
    if (traineeship) {
      OtherKind("mentor", p_.mentor && !p_.mentor->name.empty());
      OtherKind("mentor", p_.mentor && !p_.mentor->email.empty());
      OtherKind("topic", p_.topic && !p_.topic->empty());
      OtherKind("outcome", p_.outcome && !p_.outcome->empty());
      PersonField("trainee", p_.trainee, &out_->trainee);
      Text("host_organization", p_.host_organization, kMaxHostOrganization,
           &out_->host_organization);
      Date("starts_on", p_.starts_on, &out_->starts_on);
      Date("ends_on", p_.ends_on, &out_->ends_on);
      Traineeship();
    } else {
      OtherKind("trainee", p_.trainee && !p_.trainee->name.empty());
      OtherKind("trainee", p_.trainee && !p_.trainee->email.empty());
      OtherKind("host_organization", p_.host_organization && !p_.host_organization->empty());
      OtherKind("starts_on", p_.starts_on && !p_.starts_on->empty());
      OtherKind("ends_on", p_.ends_on && !p_.ends_on->empty());
      PersonField("mentor", p_.mentor, &out_->mentor);
      Text("topic", p_.topic, kMaxTopic, &out_->topic);
      Text("outcome", p_.outcome, kMaxOutcome, &out_->outcome);
      if (out_->mentor.name.empty() && !Named("mentor")) {
        Add("mentor", "is required: {name, email} of the mentor");
      }
      if (out_->topic.empty() && !Named("topic")) {
        Add("topic", "is required: what the mentoring is about, such as service licensing");
      }
    }
  }

 private:
  void Add(std::string field, std::string message) {
    problems_->push_back({std::move(field), std::move(message)});
  }
  void Changed(const std::string& field) {
    if (changed_->empty() || changed_->back() != field) changed_->push_back(field);
  }
  // Whether a problem already names `field` or a field inside it.
  bool Named(std::string_view field) const {
    for (const auto& p : *problems_) {
      if (p.field == field || p.field.starts_with(std::string(field) + ".")) return true;
    }
    return false;
  }

  void OtherKind(const std::string& field, bool has_value) {
    if (!has_value || Named(field)) return;
    const bool traineeship = programme_.kind == ProgrammeKind::kTraineeship;
    Add(field, absl::StrCat("is a field of ", traineeship ? "mentoring" : "traineeship",
                            " placements; this programme is a ",
                            std::string(ProgrammeKindWord(programme_.kind))));
  }

  void Organization() {
    const std::string id = p_.organization_id ? Trimmed(*p_.organization_id) : "";
    if (id.empty()) {
      Add("organization_id", "is required: the member organisation of the placement");
    } else if (!values::IsUuid(id)) {
      Add("organization_id", "must be the id of a member organisation");
    } else {
      out_->organization_id = id;
      Changed("organization_id");
    }
  }

  void PersonField(const std::string& field, const std::optional<Person>& sent, Person* out) {
    if (!sent) return;
    Person next{Trimmed(sent->name), Trimmed(sent->email)};
    if (values::CharCount(next.name) > kMaxPlacementPerson) {
      Add(field + ".name", absl::StrCat("must be at most ", kMaxPlacementPerson, " characters"));
    } else if (next.name.empty() && !next.email.empty()) {
      Add(field + ".name", "is required");
    }
    if (!next.email.empty() && (values::CharCount(next.email) > values::kMaxEmailLength ||
                                !values::LooksLikeEmail(next.email))) {
      Add(field + ".email", "must be an email address");
    }
    if (next != *out) Changed(field);
    *out = std::move(next);
  }

  void Text(const std::string& field, const std::optional<std::string>& sent, size_t max,
            std::string* out) {
    if (!sent) return;
    std::string next = Trimmed(*sent);
    if (values::CharCount(next) > max) {
      Add(field, absl::StrCat("must be at most ", max, " characters"));
    }
    if (next != *out) Changed(field);
    *out = std::move(next);
  }

  void Date(const std::string& field, const std::optional<std::string>& sent, std::string* out) {
    if (!sent) return;
    std::string next;
    if (!sent->empty()) {
      const auto d = values::ParseDate(*sent);
      if (!d) {
        Add(field, "must be a date YYYY-MM-DD");
        return;
      }
      next = values::DateText(*d);
    }
    if (next != *out) Changed(field);
    *out = std::move(next);
  }

  void Traineeship() {
    if (out_->trainee.name.empty() && !Named("trainee")) {
      Add("trainee", "is required: {name, email} of the trainee");
    }
    if (out_->host_organization.empty() && !Named("host_organization")) {
      Add("host_organization", "is required: the organisation hosting the trainee");
    }
    const auto starts = values::ParseDate(out_->starts_on);
    const auto ends = values::ParseDate(out_->ends_on);
    if (!starts && !Named("starts_on")) Add("starts_on", "is required: the first day (YYYY-MM-DD)");
    if (!ends && !Named("ends_on")) Add("ends_on", "is required: the last day (YYYY-MM-DD)");
    if (!starts || !ends) return;
    const auto first = values::ParseDate(programme_.starts_on);
    const auto last = values::ParseDate(programme_.ends_on);
    const std::string period =
        absl::StrCat(" (", programme_.starts_on, " to ", programme_.ends_on, ")");
    if (first && last) {
      if (*starts < *first || *starts > *last) {
        Add("starts_on", "must be inside the programme's period" + period);
      }
      if (*ends < *first || *ends > *last) {
        Add("ends_on", "must be inside the programme's period" + period);
      }
    }
    // Named after the date the client sent: a PATCH of starts_on alone that passes the stored
    // ends_on is wrong in starts_on.
    if (*ends < *starts) {
      if (p_.starts_on && !p_.ends_on) {
        if (!Named("starts_on"))
          Add("starts_on", "must not be after ends_on (" + out_->ends_on + ")");
      } else if (!Named("ends_on")) {
        Add("ends_on", "must not be before starts_on");
      }
    }
  }

  const PlacementPatch& p_;
  const Programme& programme_;
  Placement* out_;
  std::vector<InvalidField>* problems_;
  std::vector<std::string>* changed_;
};

}  // namespace

bool IsReadOnlyPlacementField(std::string_view field) {
  for (auto f : kReadOnly) {
    if (f == field) return true;
  }
  return false;
}

std::vector<InvalidField> ApplyPlacement(const PlacementPatch& patch, const Programme& programme,
                                         bool creating, Placement* placement,
                                         std::vector<std::string>* changed) {
  std::vector<InvalidField> problems;
  Applier(patch, programme, placement, &problems, changed).Run(creating);
  return problems;
}

std::vector<InvalidField> NewMentoringSession(const MentoringSessionPatch& p,
                                              const Programme& programme, MentoringSession* out) {
  std::vector<InvalidField> problems;
  for (const auto& f : p.read_only_sent)
    problems.push_back({f, "is read-only; the server sets it"});
  for (const auto& f : p.unknown_sent) {
    problems.push_back({f, "is not a field of a mentoring session"});
  }
  if (!p.date || p.date->empty()) {
    problems.push_back({"date", "is required: the day of the session (YYYY-MM-DD)"});
  } else if (const auto d = values::ParseDate(*p.date); !d) {
    problems.push_back({"date", "must be a date YYYY-MM-DD"});
  } else if (const auto first = values::ParseDate(programme.starts_on),
             last = values::ParseDate(programme.ends_on);
             first && last && (*d < *first || *d > *last)) {
    problems.push_back({"date", absl::StrCat("must be inside the programme's period (",
                                             programme.starts_on, " to ", programme.ends_on, ")")});
  } else {
    out->date = values::DateText(*d);
  }
  if (!p.minutes) {
    problems.push_back({"minutes", "is required: how long the session took, in minutes"});
  } else if (*p.minutes < 1 || *p.minutes > kMaxSessionMinutes) {
    problems.push_back({"minutes", absl::StrCat("must be from 1 to ", kMaxSessionMinutes)});
  } else {
    out->minutes = *p.minutes;
  }
  if (p.note) {
    out->note = Trimmed(*p.note);
    if (values::CharCount(out->note) > kMaxSessionNote) {
      problems.push_back(
          {"note", absl::StrCat("must be at most ", kMaxSessionNote, " characters")});
    }
  }
  return problems;
}

bool CanManagePlacements(const identity::Caller& caller, const std::string& country) {
  if (caller.IsNetworkAdmin()) return true;
  return caller.IsCoordinator() && !country.empty() && caller.country == country;
}

bool CanSee(const identity::Caller& caller, const Placement& p) {
  if (CanManagePlacements(caller, p.country)) return true;
  return caller.IsMember() && caller.organization_id == p.organization_id;
}

}  // namespace iris::events::domain
