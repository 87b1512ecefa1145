#include "services/membership/app/person_use_cases.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "libs/db/outbox.hpp"
#include "libs/status/status.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"

namespace iris::membership::app {
namespace {

constexpr const char* kSchema = "membership";

absl::Status PersonNotFound() { return absl::NotFoundError("person not found"); }

absl::Status Validation(const std::vector<domain::InvalidField>& problems) {
  std::vector<status::FieldError> errors;
  for (const auto& p : problems) errors.push_back({p.field, p.message});
  return status::Invalid(std::move(errors));
}

absl::Status Malformed(const std::string& field, const std::string& message) {
  return status::WithDetail(absl::InvalidArgumentError(field + ": " + message), "malformed",
                            {{field, message}});
}

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

absl::Status CheckVersion(const domain::Person& p, int64_t expected) {
  if (expected != 0 && expected != p.version) {
    return status::Conflict("stale_version",
                            "the person is at version " + std::to_string(p.version) + ", not " +
                                std::to_string(expected) + "; fetch it and retry");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::set<std::string>> LanguageCodes(db::Tx& tx,
                                                    storage::ReferenceRepository& reference) {
  IRIS_ASSIGN_OR_RETURN(auto languages, reference.ListLanguages(tx));
  std::set<std::string> codes;
  for (const auto& l : languages) codes.insert(l.code);
  return codes;
}

}  // namespace

absl::StatusOr<domain::Organization> PersonUseCases::OrganizationFor(
    db::Tx& tx, const Requester& who, const std::string& organization_id) {
  auto org = orgs_.FindById(tx, organization_id);
  if (absl::IsNotFound(org.status())) return PersonNotFound();
  IRIS_RETURN_IF_ERROR(org.status());
  if (!domain::CanHandlePeopleOf(who.principal, *org)) return PersonNotFound();
  return org;
}

absl::StatusOr<domain::Person> PersonUseCases::Create(const Requester& who,
                                                      const std::string& organization_id,
                                                      const domain::PersonPatch& fields) {
  return pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Person> {
    auto org = orgs_.FindById(tx, organization_id);
    if (absl::IsNotFound(org.status())) return absl::NotFoundError("organization not found");
    IRIS_RETURN_IF_ERROR(org.status());
    if (!domain::CanHandlePeopleOf(who.principal, *org)) {
      return absl::NotFoundError("organization not found");
    }
    IRIS_ASSIGN_OR_RETURN(auto languages, LanguageCodes(tx, reference_));
    domain::Person draft;
    draft.organization_id = org->id;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, languages, &draft, &changed);
    if (!problems.empty()) return Validation(problems);
    IRIS_ASSIGN_OR_RETURN(auto person, people_.Insert(tx, draft));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, who.actor,
        ChangeOf(person, *org, "membership.person.created", "create", {{"fields", changed}})));
    return person;
  });
}

absl::StatusOr<domain::Person> PersonUseCases::Get(const Requester& who, const std::string& id) {
  auto result = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<domain::Person> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindById(tx, id));
    IRIS_RETURN_IF_ERROR(OrganizationFor(tx, who, person.organization_id).status());
    return person;
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result;
}

absl::StatusOr<domain::Person> PersonUseCases::Update(const Requester& who, const std::string& id,
                                                      const domain::PersonPatch& fields,
                                                      int64_t expected_version) {
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<domain::Person> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationFor(tx, who, person.organization_id));
    IRIS_RETURN_IF_ERROR(CheckVersion(person, expected_version));
    IRIS_ASSIGN_OR_RETURN(auto languages, LanguageCodes(tx, reference_));
    domain::Person next = person;
    std::vector<std::string> changed;
    auto problems = domain::Apply(fields, languages, &next, &changed);
    if (!problems.empty()) return Validation(problems);
    if (changed.empty()) return person;  // idempotent PATCH: no new version, no message
    const bool consent_changed = !(next.consent == person.consent);
    IRIS_ASSIGN_OR_RETURN(auto saved, people_.Update(tx, next, person.version, consent_changed));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, who.actor,
        ChangeOf(saved, org, "membership.person.updated", "update", {{"fields", changed}})));
    return saved;
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result;
}

absl::StatusOr<PersonList> PersonUseCases::List(const Requester& who,
                                                const std::string& organization_id, int limit,
                                                const std::string& cursor) {
  if (limit < 0 || limit > domain::kMaxPageSize) {
    return Malformed("limit", "must be an integer from 1 to 200");
  }
  std::optional<storage::PersonPosition> after;
  if (!cursor.empty()) {
    const auto j = nlohmann::json::parse(cursor, nullptr, false);
    if (!(j.is_object() && j.contains("c") && j["c"].is_number_integer() && j.contains("i") &&
          j["i"].is_string() && storage::IsUuid(j["i"].get<std::string>()))) {
      return Malformed("cursor", "is not a position in this list");
    }
    after = storage::PersonPosition{j["c"].get<int64_t>(), j["i"].get<std::string>()};
  }
  const int size = limit == 0 ? domain::kDefaultPageSize : limit;
  auto page = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<storage::PersonPage> {
    auto org = orgs_.FindById(tx, organization_id);
    if (absl::IsNotFound(org.status()) ||
        (org.ok() && !domain::CanHandlePeopleOf(who.principal, *org))) {
      return absl::NotFoundError("organization not found");
    }
    IRIS_RETURN_IF_ERROR(org.status());
    return people_.List(tx, org->id, after, size);
  });
  IRIS_RETURN_IF_ERROR(page.status());
  PersonList out;
  out.items = std::move(page->items);
  if (page->next) {
    out.next_cursor = nlohmann::json{{"c", page->next->created_at_us}, {"i", page->next->id}}.dump();
  }
  return out;
}

absl::Status PersonUseCases::Erase(const Requester& who, const std::string& id,
                                   int64_t expected_version) {
  auto result = pool_.Write([&](db::Tx& tx) -> absl::StatusOr<bool> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindForUpdate(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationFor(tx, who, person.organization_id));
    IRIS_RETURN_IF_ERROR(CheckVersion(person, expected_version));
    IRIS_RETURN_IF_ERROR(people_.Delete(tx, person.id, person.version));
    IRIS_RETURN_IF_ERROR(db::RecordChange(
        tx, kSchema, who.actor,
        ChangeOf(person, org, "membership.person.erased", "erase", nlohmann::json::object())));
    return true;
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result.status();
}

absl::StatusOr<PersonExport> PersonUseCases::Export(const Requester& who, const std::string& id) {
  auto result = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<PersonExport> {
    IRIS_ASSIGN_OR_RETURN(auto person, people_.FindById(tx, id));
    IRIS_ASSIGN_OR_RETURN(auto org, OrganizationFor(tx, who, person.organization_id));
    return PersonExport{std::move(person), org.name,
                        std::chrono::time_point_cast<std::chrono::microseconds>(
                            std::chrono::system_clock::now())};
  });
  if (absl::IsNotFound(result.status())) return PersonNotFound();
  return result;
}

}  // namespace iris::membership::app
