#include "services/grants/storage/pg_call_repository.hpp"

#include <chrono>

#include <nlohmann/json.hpp>

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/sorted_statements.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::storage {
namespace {

using values::IsUuid;

int64_t Micros(values::Time t) { return t.time_since_epoch().count(); }

std::string TimeText(values::Time t) { return db::TimestampText(Micros(t)); }

// criteria as stored: [{"key", "name": {...}, "weight"}].
std::string CriteriaJson(const std::vector<domain::Criterion>& criteria) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& c : criteria) {
    out.push_back({{"key", c.key}, {"name", c.name}, {"weight", c.weight}});
  }
  return out.dump();
}

std::vector<domain::Criterion> CriteriaOf(const pqxx::field& f) {
  std::vector<domain::Criterion> out;
  const auto j = nlohmann::json::parse(f.c_str());
  for (const auto& c : j) {
    domain::Criterion criterion;
    criterion.key = c.value("key", "");
    if (c.contains("name") && c["name"].is_object()) {
      for (const auto& [lang, text] : c["name"].items()) {
        if (text.is_string()) criterion.name[lang] = text.get<std::string>();
      }
    }
    criterion.weight = c.value("weight", 0);
    out.push_back(std::move(criterion));
  }
  return out;
}

std::string AllocationsJson(const std::vector<domain::CountryAllocation>& allocations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : allocations) out.push_back({{"country", a.country}, {"amount", a.amount}});
  return out.dump();
}

std::vector<domain::CountryAllocation> AllocationsOf(const pqxx::field& f) {
  std::vector<domain::CountryAllocation> out;
  for (const auto& a : nlohmann::json::parse(f.c_str())) {
    out.push_back({.country = a.value("country", ""),
                   .amount = a.value("amount", int64_t{0}),
                   .awarded = a.value("awarded", int64_t{0})});
  }
  return out;
}

// A row of any calls_*.sql statement returning {{calls_columns}}, by its column names.
absl::StatusOr<domain::GrantCall> CallFromRow(const db::Row& r) {
  const auto status = domain::ParseCallStatus(r["status"].as<std::string>());
  if (!status) return absl::InternalError("call row with unknown status");
  domain::GrantCall c;
  c.id = r["id"].as<std::string>();
  c.title = db::LocalizedTextOf(r["title"]);
  c.description = db::LocalizedTextOf(r["description"]);
  c.opens_at = db::TimeOf(r["opens_at_us"]);
  c.closes_at = db::TimeOf(r["closes_at_us"]);
  c.timezone = r["timezone"].as<std::string>();
  c.currency = r["currency"].as<std::string>();
  c.budget = r["budget"].as<int64_t>();
  c.max_award = r["max_award"].as<int64_t>();
  c.eligible_countries = db::TextArrayOf(r["eligible_countries"]);
  c.allocations = AllocationsOf(r["allocations"]);
  c.criteria = CriteriaOf(r["criteria"]);
  c.status = *status;
  c.status_note = r["status_note"].as<std::string>();
  c.status_changed_at = db::OptionalTimeOf(r["status_changed_at_us"]);
  c.awarded = r["awarded"].as<int64_t>();
  c.version = r["version"].as<int64_t>();
  c.created_at = db::TimeOf(r["created_at_us"]);
  c.updated_at = db::TimeOf(r["updated_at_us"]);
  return c;
}

absl::Status NotFound(const std::string& id) {
  return absl::NotFoundError("grant call " + id + " not found");
}

absl::StatusOr<domain::GrantCall> Read(db::Tx& tx, const db::Statement& s, const std::string& id) {
  if (!IsUuid(id)) return NotFound(id);
  auto rows = tx.Exec(s, id);
  if (rows.empty()) return NotFound(id);
  return CallFromRow(rows[0]);
}

}  // namespace

absl::StatusOr<domain::GrantCall> PgCallRepository::FindById(db::Tx& tx, const std::string& id) {
  return Read(tx, sql::kCallsFindById, id);
}

absl::StatusOr<domain::GrantCall> PgCallRepository::FindForUpdate(db::Tx& tx,
                                                                  const std::string& id) {
  return Read(tx, sql::kCallsFindByIdForUpdate, id);
}

absl::StatusOr<domain::GrantCall> PgCallRepository::Insert(db::Tx& tx, const domain::GrantCall& c) {
  auto rows = tx.Exec(sql::kCallsInsert, db::LocalizedTextJson(c.title),
                      db::LocalizedTextJson(c.description), TimeText(c.opens_at),
                      TimeText(c.closes_at), c.timezone, c.currency, c.budget, c.max_award,
                      db::TextArray(c.eligible_countries), CriteriaJson(c.criteria));
  const std::string id = rows.at(0)["id"].as<std::string>();
  if (!c.allocations.empty()) {
    tx.Exec(sql::kCallsInsertAllocations, id, AllocationsJson(c.allocations));
  }
  return FindById(tx, id);
}

absl::StatusOr<domain::GrantCall> PgCallRepository::Update(db::Tx& tx, const domain::GrantCall& c,
                                                           int64_t version,
                                                           bool allocations_changed) {
  auto rows = tx.Exec(sql::kCallsUpdate, c.id, version, db::LocalizedTextJson(c.title),
                      db::LocalizedTextJson(c.description), TimeText(c.opens_at),
                      TimeText(c.closes_at), c.timezone, c.currency, c.budget, c.max_award,
                      db::TextArray(c.eligible_countries), CriteriaJson(c.criteria));
  if (rows.empty()) {
    return status::Conflict("stale_version",
                            "the grant call changed since you read it; fetch it and retry");
  }
  if (allocations_changed) {
    tx.Exec(sql::kCallsDeleteAllocations, c.id);
    if (!c.allocations.empty()) {
      tx.Exec(sql::kCallsInsertAllocations, c.id, AllocationsJson(c.allocations));
    }
  }
  return FindById(tx, c.id);
}

absl::StatusOr<domain::GrantCall> PgCallRepository::SetStatus(db::Tx& tx, const std::string& id,
                                                              domain::CallStatus from,
                                                              domain::CallStatus to,
                                                              const std::string& note) {
  auto rows = tx.Exec(sql::kCallsSetStatus, id, std::string(domain::CallStatusWord(from)),
                      std::string(domain::CallStatusWord(to)), note);
  if (rows.empty()) {
    return status::Conflict("invalid_transition", "the grant call is no longer " +
                                                      std::string(domain::CallStatusWord(from)));
  }
  return CallFromRow(rows[0]);
}

absl::StatusOr<std::vector<CallRepository::MovedApplication>> PgCallRepository::StartReview(
    db::Tx& tx, const std::string& call_id) {
  std::vector<MovedApplication> moved;
  for (const auto& r : tx.Exec(sql::kCallsStartReview, call_id)) {
    moved.push_back({r["id"].as<std::string>(), r["organization_id"].as<std::string>(),
                     r["country"].as<std::string>(), r["version"].as<int64_t>()});
  }
  return moved;
}

absl::StatusOr<int64_t> PgCallRepository::CountUnderReview(db::Tx& tx, const std::string& call_id) {
  auto rows = tx.Exec(sql::kCallsCountUnderReview, call_id);
  return rows.at(0)["under_review"].as<int64_t>();
}

absl::StatusOr<pagination::Rows<domain::GrantCall>> PgCallRepository::List(db::Tx& tx,
                                                                           const CallQuery& q) {
  const auto [key, id] = db::KeysetBindOf(q.page);
  const auto status = db::AnyOf(q.status), country = db::AnyOf(q.country);
  return db::ListRows<domain::GrantCall>(
      sql::kCallsList, q.page,
      [&](const db::Statement& s, int rows) {
        return tx.Exec(s, q.include_drafts, status, country, key, id, rows);
      },
      [](const db::Row& r) { return CallFromRow(r); });
}

}  // namespace iris::grants::storage
