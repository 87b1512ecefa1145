#include "services/grants/storage/pg_review_repository.hpp"

#include <nlohmann/json.hpp>

#include "grants_sql.hpp"
#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "libs/status/status.hpp"
#include "libs/values/uuid.hpp"

namespace iris::grants::storage {
namespace {

domain::ReviewerAssignment AssignmentFromRow(const db::Row& r) {
  return {.application_id = r["application_id"].as<std::string>(),
          .reviewer_id = r["reviewer_id"].as<std::string>(),
          .reviewer_name = r["reviewer_name"].as<std::string>(),
          .assigned_at = db::TimeOf(r["assigned_at_us"]),
          .reviewed = r["reviewed"].as<bool>()};
}

domain::Review ReviewFromRow(const db::Row& r) {
  domain::Review out;
  out.id = r["id"].as<std::string>();
  out.application_id = r["application_id"].as<std::string>();
  out.reviewer_id = r["reviewer_id"].as<std::string>();
  const auto scores = nlohmann::json::parse(r["scores"].c_str(), nullptr, false);
  if (scores.is_object()) {
    for (const auto& [key, value] : scores.items()) {
      if (value.is_number_integer()) out.scores[key] = value.get<int>();
    }
  }
  out.comment = r["comment"].as<std::string>();
  out.score_hundredths = r["score_hundredths"].as<int64_t>();
  out.version = r["version"].as<int64_t>();
  out.created_at = db::TimeOf(r["created_at_us"]);
  out.updated_at = db::TimeOf(r["updated_at_us"]);
  return out;
}

}  // namespace

absl::StatusOr<domain::ReviewerAssignment> PgReviewRepository::Assign(
    db::Tx& tx, const std::string& application_id, const std::string& reviewer_id,
    const std::string& reviewer_name) {
  auto rows = tx.Exec(sql::kReviewsAssign, application_id, reviewer_id, reviewer_name);
  return AssignmentFromRow(rows.at(0));
}

absl::StatusOr<std::vector<domain::ReviewerAssignment>> PgReviewRepository::ListAssignments(
    db::Tx& tx, const std::string& application_id) {
  std::vector<domain::ReviewerAssignment> out;
  if (!values::IsUuid(application_id)) return out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kReviewsListAssignments, application_id)) {
    out.push_back(AssignmentFromRow(db::Row(raw, &memo)));
  }
  return out;
}

absl::StatusOr<domain::Review> PgReviewRepository::Insert(db::Tx& tx, const domain::Review& r) {
  nlohmann::json scores = nlohmann::json::object();
  for (const auto& [key, value] : r.scores) scores[key] = value;
  auto rows = tx.Exec(sql::kReviewsInsert, r.application_id, r.reviewer_id, scores.dump(),
                      r.comment, r.score_hundredths);
  return ReviewFromRow(rows.at(0));
}

absl::StatusOr<std::vector<domain::Review>> PgReviewRepository::List(
    db::Tx& tx, const std::string& application_id, const std::optional<std::string>& reviewer_id) {
  std::vector<domain::Review> out;
  if (!values::IsUuid(application_id)) return out;
  if (reviewer_id && !values::IsUuid(*reviewer_id)) return out;
  db::ColumnMemo memo;
  for (const auto& raw : tx.Exec(sql::kReviewsList, application_id, reviewer_id)) {
    out.push_back(ReviewFromRow(db::Row(raw, &memo)));
  }
  return out;
}

absl::StatusOr<ReviewTotals> PgReviewRepository::Totals(db::Tx& tx,
                                                        const std::string& application_id) {
  auto rows = tx.Exec(sql::kReviewsTotals, application_id);
  return ReviewTotals{rows[0]["weighted_sums"].as<int64_t>(),
                      rows[0]["review_count"].as<int64_t>()};
}

absl::Status PgReviewRepository::SetApplicationScore(db::Tx& tx, const std::string& application_id,
                                                     std::optional<int64_t> score_hundredths,
                                                     int64_t review_count) {
  tx.Exec(sql::kReviewsSetApplicationScore, application_id, score_hundredths, review_count);
  return absl::OkStatus();
}

}  // namespace iris::grants::storage
