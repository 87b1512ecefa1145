#include "services/notifications/storage/pg_subscription_repository.hpp"

#include "libs/db/row.hpp"
#include "libs/db/values.hpp"
#include "notifications_sql.hpp"

namespace iris::notifications::storage {
namespace {

// A row of a statement returning {{subscriptions_columns}}.
domain::Subscriptions SubscriptionsFromRow(const db::Row& r) {
  return {.topics = db::TextArrayOf(r["topics"]),
          .countries = db::TextArrayOf(r["countries"]),
          .channels = db::TextArrayOf(r["channels"]),
          .language = r["language"].as<std::string>(),
          .is_default = false,
          .updated_at = db::TimeOf(r["updated_at_us"])};
}

}  // namespace

absl::StatusOr<std::optional<domain::Subscriptions>> PgSubscriptionRepository::Find(
    db::Tx& tx, const std::string& recipient) {
  const auto result = tx.Exec(sql::kSubscriptionsFind, recipient);
  if (result.empty()) return std::nullopt;
  return SubscriptionsFromRow(result[0]);
}

absl::StatusOr<std::optional<domain::RoleDefaults>> PgSubscriptionRepository::RoleDefaults(
    db::Tx& tx, const std::string& role) {
  const auto result = tx.Exec(sql::kRoleDefaultsFind, role);
  if (result.empty()) return std::nullopt;
  const db::Row r(result[0]);
  return domain::RoleDefaults{.topics = db::TextArrayOf(r["topics"]),
                              .channels = db::TextArrayOf(r["channels"]),
                              .own_country_only = r["own_country_only"].as<bool>()};
}

absl::StatusOr<domain::Subscriptions> PgSubscriptionRepository::Put(
    db::Tx& tx, const std::string& recipient, const domain::Subscriptions& s) {
  const auto result = tx.Exec(sql::kSubscriptionsUpsert, recipient, db::TextArray(s.topics),
                              db::TextArray(s.countries), db::TextArray(s.channels), s.language);
  return SubscriptionsFromRow(result[0]);
}

}  // namespace iris::notifications::storage
