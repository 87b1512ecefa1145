#include "services/membership/app/person_use_cases.hpp"

#include <nlohmann/json.hpp>

#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "services/membership/app/member_writes.hpp"

namespace iris::membership::app {
namespace {

constexpr const char* kSchema = "membership";

absl::Status PersonNotFound() { return absl::NotFoundError("person not found"); }

// Personal data stays out of messages and the audit log: ids, versions and field names only.
db::Change ChangeOf(const domain::Person& p, const domain::Organization& org, std::string type,
                    std::string action, nlohmann::json audit) {
  db::Change c;
  c.type = std::move(type);
  c.subject_type = "person";
  c.subject_id = p.id;
  c.country = org.country;
  c.payload = {{"id", p.id}, {"organization_id", p.organization_id}, {"version", p.version}};
  c.action = std::move(action);
  c.audit = std::move(audit);
  return c;
}

}  // namespace

absl::StatusOr<domain::Organization> PersonUseCases::OrganizationFor(
    db::Tx& tx, const identity::Caller& caller, const std::string& organization_id) {
  auto org = orgs_.FindById(tx, organization_id);
  if (absl::IsNotFound(org.status())) return PersonNotFound();
  IRIS_RETURN_IF_ERROR(org.status());
  if (!domain::CanHandlePeopleOf(caller, *org)) return PersonNotFound();
  return org;
}

absl::StatusOr<domain::Organization> PersonUseCases::OrganizationForChange(
    db::Tx& tx, const identity::Caller& caller, const std::string& organization_id) {
  // Share-locked: a suspension waits for this change, or this change sees the suspension.
  auto org = orgs_.FindForShare(tx, organization_id);
  if (absl::IsNotFound(org.status())) return absl::NotFoundError("organization not found");
  IRIS_RETURN_IF_ERROR(org.status());
  if (!domain::CanHandlePeopleOf(caller, *org)) {
    return absl::NotFoundError("organization not found");
  }
  IRIS_RETURN_IF_ERROR(CheckMemberMayWrite(caller, *org));
  return org;
}

absl::StatusOr<domain::Person> PersonUseCases::Create(const identity::Caller& caller,
                                                      const std::string& organization_id,
                                                      const domain::PersonPatch& fields) {
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Person> {
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationForChange(tx, caller, organization_id));
    IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
    domain::Person draft;
    draft.organization_id = org.id;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, known->language_codes, &draft, &changed);
    if (!problems.empty()) return status::Validation(problems);
    IRIS_ASSIGN_OR_RETURN(auto person, people_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(person, org, "membership.person.created", "create", {{"fields", changed}})));
    return person;
  });
}

absl::StatusOr<domain::Person> PersonUseCases::Get(const identity::Caller& caller,
                                                   const std::string& id) {
  auto result = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Person> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindById(tx, id));
    IRIS_RETURN_IF_ERROR(OrganizationFor(tx, caller, person.organization_id).status());
    return person;
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result;
}

absl::StatusOr<domain::Person> PersonUseCases::Update(const identity::Caller& caller,
                                                      const std::string& id,
                                                      const domain::PersonPatch& fields,
                                                      int64_t expected_version) {
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Person> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationForChange(tx, caller, person.organization_id));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("person", person.version, expected_version));
    IRIS_ASSIGN_OR_RETURN(const storage::KnownCodes* known, reference_codes_.Get(tx));
    domain::Person next = person;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, known->language_codes, &next, &changed);
    if (!problems.empty()) return status::Validation(problems);
    if (changed.empty()) return person;  // idempotent PATCH: no new version, no message
    const bool consent_changed = !(next.consent == person.consent);
    IRIS_ASSIGN_OR_RETURN(auto saved, people_.Update(tx, next, person.version, consent_changed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(saved, org, "membership.person.updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result;
}

absl::StatusOr<pagination::Page<domain::Person>> PersonUseCases::List(
    const identity::Caller& caller, const std::string& organization_id,
    const pagination::PageParams& page) {
  IRIS_ASSIGN_OR_RETURN(auto paging, pagination::KeysetRequestOf(page, storage::kPersonSorts));
  IRIS_ASSIGN_OR_RETURN(
      auto rows, pool_.Read([&](db::Tx& tx) -> absl::StatusOr<pagination::Rows<domain::Person>> {
        auto org = orgs_.FindById(tx, organization_id);
        if (absl::IsNotFound(org.status()) ||
            (org.ok() && !domain::CanHandlePeopleOf(caller, *org))) {
          return absl::NotFoundError("organization not found");
        }
        IRIS_RETURN_IF_ERROR(org.status());
        return people_.List(tx, org->id, paging);
      }));
  return pagination::PageOf(std::move(rows), paging, storage::kPersonSorts);
}

absl::Status PersonUseCases::Erase(const identity::Caller& caller, const std::string& id,
                                   int64_t expected_version) {
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<bool> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindForUpdate(tx, id));
    // Not OrganizationForChange: members of a suspended or withdrawn organisation still erase
    // (CheckMemberMayWrite says why).
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationFor(tx, caller, person.organization_id));
    IRIS_RETURN_IF_ERROR(status::CheckVersion("person", person.version, expected_version));
    IRIS_RETURN_IF_ERROR(people_.Delete(tx, person.id, person.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, caller,
        ChangeOf(person, org, "membership.person.deleted", "erase", nlohmann::json::object())));
    return true;
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result.status();
}

absl::StatusOr<PersonExport> PersonUseCases::Export(const identity::Caller& caller,
                                                    const std::string& id) {
  auto result = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<PersonExport> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationFor(tx, caller, person.organization_id));
    return PersonExport{
        std::move(person), org.name,
        std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now())};
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result;
}

}  // namespace iris::membership::app
