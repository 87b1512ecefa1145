// Organisations against the real schema: round trip, keyset pages, folded search, concurrent
// updates, and the outbox/audit rows of every change.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <set>
#include <thread>
#include <tuple>

#include "libs/db/migrator.hpp"
#include "libs/status/status.hpp"
#include "membership_migrations.hpp"
#include "membership_sql.hpp"
#include "services/membership/app/organization_use_cases.hpp"
#include "services/membership/storage/pg_organization_repository.hpp"
#include "services/membership/storage/pg_reference_repository.hpp"
#include "services/membership/storage/reference_cache.hpp"
#include "services/membership/storage/statements.hpp"
#include "services/membership/tests/membership_test_support.hpp"
#include "tests/support/test_env.hpp"

namespace iris::membership {
namespace {

class OrganizationDbTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_TRUE(MigrateSchema().ok()); }

  identity::Caller Admin() {
    return {.subject = "admin-1", .role = "network_admin", .request_id = "req-db"};
  }

  domain::Organization Create(const std::string& name, const std::string& city = "",
                              const std::string& country = "RS") {
    domain::OrganizationPatch p;
    p.name = name;
    p.city = city;
    p.country = country;
    p.kind = domain::OrganizationKind::kMemberCso;
    p.target_groups = std::vector<std::string>{"roma"};
    auto org = use_cases_.Create(Admin(), p);
    EXPECT_TRUE(org.ok()) << org.status();
    return org.ok() ? *org : domain::Organization{};
  }

  std::vector<std::string> SearchNames(const std::vector<std::string>& words) {
    storage::OrganizationQuery q;
    q.see_all = true;
    q.words = words;
    auto rows = pool_.Read([&](db::Tx& tx) { return repo_.List(tx, q); });
    EXPECT_TRUE(rows.ok()) << rows.status();
    std::vector<std::string> names;
    if (rows.ok()) {
      const auto page = pagination::PageOf(std::move(*rows), q.page, storage::kOrganizationSorts);
      for (const auto& o : page.items) {
        names.push_back(o.name);
      }
    }
    return names;
  }

  // The plan of `statement` run with `args`. Tiny test tables favour sequential scans and
  // sorts, and whichever index is cheapest there; `off` names the plan kinds to forbid and
  // `without` the indexes to take away (dropped in a transaction that is rolled back), so the
  // plan shows what the remaining indexes allow. `generic`: the plan a prepared statement
  // settles on after a few runs, which cannot rely on its parameters' values.
  std::string Plan(const db::Statement& statement, const std::string& args,
                   const std::vector<std::string>& off, const std::vector<std::string>& without,
                   bool generic) {
    std::string text;
    auto rolled_back = pool_.Write([&](db::Tx& tx) -> absl::Status {
      for (const auto& kind : off) tx.ExecSql("SET LOCAL enable_" + kind + " = off");
      if (generic) tx.ExecSql("SET LOCAL plan_cache_mode = force_generic_plan");
      for (const auto& index : without) tx.ExecSql("DROP INDEX membership." + index);
      tx.ExecSql(std::string("PREPARE plan_probe AS ") + statement.text);
      for (const auto& r : tx.ExecSql("EXPLAIN EXECUTE plan_probe(" + args + ")")) {
        text += r[0].as<std::string>() + "\n";
      }
      tx.ExecSql("DEALLOCATE plan_probe");
      return absl::CancelledError("roll back");
    });
    return absl::IsCancelled(rolled_back) ? text : std::string(rolled_back.message());
  }

  // A prepared statement of the service by name (a sorted list's variant: "<list>:<sort>").
  static db::Statement Named(std::string_view name) {
    for (const auto& st : storage::Statements()) {
      if (name == st.name) return st;
    }
    ADD_FAILURE() << "no statement " << name;
    return {"none", "SELECT 1"};
  }

  int Count(const std::string& table, const std::string& subject, const std::string& type_col,
            const std::string& type) {
    auto n = pool_.Read([&](db::Tx& tx) -> absl::StatusOr<int> {
      return tx.raw()
          .exec_params("SELECT count(*) FROM membership." + table + " WHERE subject_id = $1 AND " +
                           type_col + " = $2",
                       subject, type)[0][0]
          .as<int>();
    });
    return n.ok() ? *n : -1;
  }

  db::Pool pool_{db::PoolConfig{.url = iris::testing::MembershipDatabaseUrl(), .size = 4},
                 storage::Statements()};
  storage::PgOrganizationRepository repo_;
  storage::PgReferenceRepository reference_;
  storage::ReferenceCache reference_codes_{reference_};
  app::OrganizationUseCases use_cases_{pool_, repo_, reference_codes_};
};

TEST_F(OrganizationDbTest, CreatedOrganisationReadsBackActiveJoinedTodayWithAnAuditTrail) {
  const auto created = Create("Round Trip " + Token(), "Niš");
  ASSERT_FALSE(created.id.empty());
  auto found = pool_.Read([&](db::Tx& tx) { return repo_.FindById(tx, created.id); });
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ(found->name, created.name);
  EXPECT_EQ(found->city, "Niš");
  EXPECT_EQ(found->country, "RS");
  EXPECT_EQ(found->target_groups, std::vector<std::string>{"roma"});
  EXPECT_EQ(found->status, domain::OrganizationStatus::kActive);
  EXPECT_EQ(found->version, 1);
  EXPECT_TRUE(found->status_changed_at.has_value());
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day ymd{today};
  char expected[32];
  std::snprintf(expected, sizeof expected, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  EXPECT_EQ(found->joined_at, expected);
  EXPECT_EQ(Count("outbox", created.id, "type", "membership.organization.created"), 1);
  EXPECT_EQ(Count("audit_log", created.id, "action", "create"), 1);
}

TEST_F(OrganizationDbTest, UnknownAndMalformedIdsAreNotFound) {
  for (const std::string id : {"5f0c8a4e-0000-4000-8000-000000000000", "abc"}) {
    auto found = pool_.Read([&](db::Tx& tx) { return repo_.FindById(tx, id); });
    EXPECT_TRUE(absl::IsNotFound(found.status())) << id << ": " << found.status();
  }
}

TEST_F(OrganizationDbTest, KeysetPagesAreCompleteAndNeverRepeatWhileRowsAreAdded) {
  const std::string token = Token();
  std::set<std::string> created;
  for (int i = 0; i < 7; ++i) created.insert(Create("Paged " + token + " " + std::to_string(i)).id);
  storage::OrganizationQuery q;
  q.see_all = true;
  q.words = {token};
  q.page.limit = 3;
  std::vector<std::string> seen;
  std::vector<size_t> sizes;
  for (int guard = 0; guard < 10; ++guard) {
    auto rows = pool_.Read([&](db::Tx& tx) { return repo_.List(tx, q); });
    ASSERT_TRUE(rows.ok()) << rows.status();
    const auto page = pagination::PageOf(std::move(*rows), q.page, storage::kOrganizationSorts);
    sizes.push_back(page.items.size());
    for (const auto& o : page.items) seen.push_back(o.id);
    // A row added mid-walk sorts after every position already handed out.
    if (guard == 0) created.insert(Create("Paged " + token + " late").id);
    if (page.next_cursor.empty()) break;
    auto next = pagination::KeysetRequestOf(pagination::PageParams{3, page.next_cursor},
                                            storage::kOrganizationSorts);
    ASSERT_TRUE(next.ok()) << next.status();
    q.page = *next;
  }
  EXPECT_EQ(sizes, (std::vector<size_t>{3, 3, 2}));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()), created);
  EXPECT_EQ(seen.size(), created.size()) << "a row appeared twice";
}

TEST_F(OrganizationDbTest, DeepPagesUseTheKeysetIndexAndSearchUsesTheTrigramIndex) {
  const std::string after = "'2026-01-01T00:00:00Z', '5f0c8a4e-0000-4000-8000-000000000000'";
  const std::string first = "'-infinity', '00000000-0000-0000-0000-000000000000'";
  const std::string list_plan = Plan(Named("organizations_list:created_at"),
                                     "false, NULL, NULL, NULL, NULL, NULL, NULL, " + after + ", 51",
                                     {"seqscan", "bitmapscan"}, {}, /*generic=*/true);
  // One ordered index scan from the position: a deep page reads what the first does.
  EXPECT_NE(list_plan.find("Index Scan using organizations_keyset"), std::string::npos)
      << list_plan;
  EXPECT_NE(list_plan.find("Index Cond"), std::string::npos) << list_plan;
  EXPECT_EQ(list_plan.find("Sort"), std::string::npos) << list_plan;
  // Every other order has its own index, read forwards or backwards from the position.
  for (const auto& [sort, index, position] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"name", "organizations_by_name", "'Udruženje', '5f0c8a4e-0000-4000-8000-000000000000'"},
           {"-name", "organizations_by_name",
            "'Udruženje', '5f0c8a4e-0000-4000-8000-000000000000'"},
           {"-created_at", "organizations_keyset", after},
           {"updated_at", "organizations_by_updated", after}}) {
    for (bool generic : {false, true}) {
      const std::string plan =
          Plan(Named("organizations_list:" + sort),
               "false, NULL, NULL, NULL, NULL, NULL, NULL, " + position + ", 51",
               {"seqscan", "bitmapscan"}, {}, generic);
      EXPECT_NE(plan.find("using " + index), std::string::npos) << sort << "\n" << plan;
      // The position is where the index scan starts, also in the plan a prepared statement
      // settles on (which cannot know the values).
      EXPECT_NE(plan.find("Index Cond"), std::string::npos) << sort << "\n" << plan;
      EXPECT_EQ(plan.find("Sort"), std::string::npos) << sort << "\n" << plan;
    }
  }
  // One country, the usual filter, reads its page from the (country, created_at, id) index
  // in order, though the filter takes several values.
  const std::string country_plan =
      Plan(Named("organizations_list:created_at"),
           "false, NULL, NULL, '{RS}', NULL, NULL, NULL, " + after + ", 51",
           {"seqscan", "bitmapscan"}, {"organizations_keyset"}, /*generic=*/false);
  EXPECT_NE(country_plan.find("using organizations_country"), std::string::npos) << country_plan;
  EXPECT_EQ(country_plan.find("Sort"), std::string::npos) << country_plan;
  const std::string search_plan =
      Plan(Named("organizations_search:created_at"),
           "true, NULL, NULL, NULL, NULL, NULL, NULL, " + first + ", 51, '{udruzenje,cacak}'",
           {"seqscan", "indexscan"}, {"organizations_keyset", "organizations_country"},
           /*generic=*/true);
  EXPECT_NE(search_plan.find("organizations_search"), std::string::npos) << search_plan;
}

TEST_F(OrganizationDbTest, SearchFoldsCaseDiacriticsAndSerbianScript) {
  const std::string token = Token();
  const std::string name = "Udruženje građana " + token;
  Create(name, "Čačak");
  Create("Drugo udruženje " + token, "Beograd");
  const std::vector<std::string> just_first{name};
  EXPECT_EQ(SearchNames({"Удружење", token, "Чачак"}), just_first);
  EXPECT_EQ(SearchNames({"cacak", token}), just_first);
  EXPECT_EQ(SearchNames({"GRAĐANA", token}), just_first);
  EXPECT_EQ(SearchNames({"gradjana", token}), just_first);
  EXPECT_EQ(SearchNames({"udruzenje", token}).size(), 2u);
  EXPECT_TRUE(SearchNames({"cacak", "beograd", token}).empty()) << "every word must match";
  EXPECT_TRUE(SearchNames({token, "%"}).empty()) << "LIKE wildcards are literal";
}

TEST_F(OrganizationDbTest, ConcurrentUpdatesWithTheSameVersionLetExactlyOneWin) {
  const auto org = Create("Race " + Token());
  constexpr int kWriters = 4;
  std::atomic<int> won{0}, stale{0}, other{0};
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i) {
    writers.emplace_back([&, i] {
      domain::OrganizationPatch p;
      p.city = "City " + std::to_string(i);
      auto r = use_cases_.Update(Admin(), org.id, p, /*expected_version=*/1);
      if (r.ok()) {
        ++won;
      } else if (status::DetailOf(r.status()).reason() == "stale_version") {
        ++stale;
      } else {
        ++other;
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(stale.load(), kWriters - 1);
  EXPECT_EQ(other.load(), 0);
  auto now = pool_.Read([&](db::Tx& tx) { return repo_.FindById(tx, org.id); });
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(Count("outbox", org.id, "type", "membership.organization.updated"), 1);
}

TEST_F(OrganizationDbTest, RepositoryRefusesAWriteAtAnOldVersion) {
  const auto org = Create("Stale " + Token());
  auto next = org;
  next.city = "Kragujevac";
  auto first = pool_.Write([&](db::Tx& tx) { return repo_.Update(tx, next, 1); });
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->version, 2);
  auto second = pool_.Write([&](db::Tx& tx) { return repo_.Update(tx, next, 1); });
  EXPECT_EQ(status::DetailOf(second.status()).reason(), "stale_version");
}

}  // namespace
}  // namespace iris::membership
